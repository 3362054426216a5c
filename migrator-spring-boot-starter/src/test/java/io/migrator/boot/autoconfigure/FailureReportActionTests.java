package io.migrator.boot.autoconfigure;

import javax.sql.DataSource;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each real failure gets the action that fits it, and only that one.
 */
@FreshDatabase
class FailureReportActionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class));

	private final TestDatabase database;

	FailureReportActionTests(TestDatabase database) {
		this.database = database;
	}

	@Test
	void aChangedAppliedMigrationAsksToRestoreTheFileOrRepair() {
		DatabaseState state = schema("checksum_apply");
		this.contextRunner.withPropertyValues(state.properties("apply")).run((context) -> assertThat(context).hasNotFailed());
		state.execute("UPDATE migrator_history SET checksum = 'tampered' WHERE version = 2");
		this.contextRunner.withPropertyValues(state.properties("apply")).run((context) -> {
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("restore it as it was applied", "'migrator repair'")
				.doesNotContain("allow-out-of-order")
				.doesNotContain("NO TRANSACTION");
		});
	}

	@Test
	void aFailedTransactionalMigrationNamesOnlyTheRollback() {
		DatabaseState state = schema("failed_tx");
		this.contextRunner.withPropertyValues(state.properties("failing")).run((context) -> {
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("00002_break_widgets.sql at line 4")
				.contains("Its transaction was rolled back, so nothing of version 2 is applied.")
				.doesNotContain("NO TRANSACTION")
				.doesNotContain("repair");
		});
	}

	@Test
	void aFailedNoTransactionMigrationNamesOnlyThePartialApplyAndRepair() {
		DatabaseState state = schema("failed_notx");
		this.contextRunner.withPropertyValues(state.properties("notx-failing")).run((context) -> {
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("00001_index_and_break.sql at line 4")
				.contains("ran without a transaction (NO TRANSACTION)", "stays committed", "marked incomplete",
						"'migrator repair'")
				.doesNotContain("rolled back");
		});
		assertThat(state.tableExists("gizmos")).as("the first statement stays committed").isTrue();
	}

	@Test
	void aMissingSchemaThatMayNotBeCreatedSaysSo() {
		DatabaseState state = schema("schema_exists");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.schema=no_such_schema", "migrator.create-schema=false")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("migrator.create-schema=false", "create the schema")
					.doesNotContain("credentials");
			});
	}

	@Test
	void badCredentialsPointAtTheCredentialProperties() {
		DatabaseState state = schema("bad_login");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			// The test server trusts local logins, so a user it does not know stands in for a wrong password.
			.withPropertyValues("migrator.user=no_such_login", "migrator.password=wrong-password",
					"migrator.url=" + state.url())
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("refused the login", "migrator.user", "migrator.password")
					.doesNotContain("create-schema");
				assertThat(analysis.getDescription()).doesNotContain("wrong-password");
			});
	}

	@Test
	void anUnreachableDatabasePointsAtTheUrl() {
		DatabaseState state = schema("unreachable");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.url=jdbc:postgresql://127.0.0.1:1/nowhere")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("could not reach the database", "migrator.url")
					.doesNotContain("migration named above");
			});
	}

	@Test
	void twoUnqualifiedDataSourcesGetAnAnalysisNamingThem() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigratorAutoConfiguration.class))
			.withUserConfiguration(TwoDataSourcesConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("2 DataSource beans", "ordersDataSource",
						"billingDataSource");
				assertThat(analysis.getAction()).contains("@MigratorDataSource", "@Primary", "migrator.url");
			});
	}

	private static FailureAnalysis analysis(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new MigratorFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

	private DatabaseState schema(String name) {
		return new DatabaseState(this.database, name);
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSourcesConfiguration {

		@Bean
		DataSource ordersDataSource() {
			return new SimpleDriverDataSource(new org.postgresql.Driver(), "jdbc:postgresql://127.0.0.1:1/orders");
		}

		@Bean
		DataSource billingDataSource() {
			return new SimpleDriverDataSource(new org.postgresql.Driver(), "jdbc:postgresql://127.0.0.1:1/billing");
		}

	}

}
