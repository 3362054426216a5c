package io.migrator.boot.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.migrator.boot.status.MigrationStatusCache;
import io.migrator.core.Migrator;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What users of Boot's Flyway support reach for: a migration strategy, a target, baselining
 * or adopting an existing schema, connection details and metadata.
 */
@FreshDatabase
class FlywayParityTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class));

	private final TestDatabase database;

	FlywayParityTests(TestDatabase database) {
		this.database = database;
	}

	@Test
	void aMigrationStrategyBeanReplacesTheStartupMigration() {
		DatabaseState state = schema("strategy");
		List<String> calls = new ArrayList<>();
		this.contextRunner.withPropertyValues(state.properties("existing"))
			.withBean(MigratorMigrationStrategy.class, () -> (migrator) -> {
				calls.add("strategy");
				migrator.upTo(1);
			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(calls).containsExactly("strategy");
				assertThat(state.appliedVersions()).containsExactly(1L);
			});
	}

	@Test
	void targetStopsAtTheGivenVersion() {
		DatabaseState state = schema("target");
		this.contextRunner.withPropertyValues(state.properties("existing"))
			.withPropertyValues("migrator.target=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(state.appliedVersions()).containsExactly(1L, 2L);
			});
	}

	@Test
	void baselineOnMigrateMarksAnExistingSchemaThenAppliesTheRest() {
		DatabaseState state = schema("baseline");
		state.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL)");
		state.execute("CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id))");
		this.contextRunner.withPropertyValues(state.properties("existing"))
			.withPropertyValues("migrator.baseline-on-migrate=true", "migrator.baseline-version=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(state.appliedVersions()).containsExactly(1L, 2L, 3L);
				assertThat(state.longs("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
						+ "'baseline' AND table_name = 'accounts' AND column_name = 'email'")).containsExactly(1L);
			});
		// Already baselined: a second start neither baselines again nor fails.
		this.contextRunner.withPropertyValues(state.properties("existing"))
			.withPropertyValues("migrator.baseline-on-migrate=true", "migrator.baseline-version=2")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void baselineOnMigrateLeavesAnEmptySchemaToTheMigrations() {
		DatabaseState state = schema("baseline_empty");
		this.contextRunner.withPropertyValues(state.properties("existing"))
			.withPropertyValues("migrator.baseline-on-migrate=true", "migrator.baseline-version=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(state.longs("SELECT count(*) FROM baseline_empty.migrator_history WHERE state = 'applied'"))
					.containsExactly(3L);
			});
	}

	@Test
	void adoptFromGooseImportsItsAppliedVersionsThenAppliesTheRest() {
		DatabaseState state = schema("adopt_goose");
		state.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL)");
		state.execute("CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id))");
		state.execute("CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, "
				+ "is_applied boolean NOT NULL, tstamp timestamp DEFAULT now())");
		state.execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true)");
		this.contextRunner.withPropertyValues(state.properties("existing"))
			.withPropertyValues("migrator.adopt-from=goose")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(state.appliedVersions()).containsExactly(1L, 2L, 3L);
			});
		this.contextRunner.withPropertyValues(state.properties("existing"))
			.withPropertyValues("migrator.adopt-from=goose")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void adoptFromWithoutTheOtherToolsTableMigratesANewDatabase() {
		DatabaseState state = schema("adopt_new");
		this.contextRunner.withPropertyValues(state.properties("existing"))
			.withPropertyValues("migrator.adopt-from=golang-migrate")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(state.appliedVersions()).containsExactly(1L, 2L, 3L);
			});
	}

	@Test
	void connectionDetailsBeanGivesMigrationsTheirOwnConnection() {
		DatabaseState state = schema("details");
		String[] properties = state.properties("apply");
		// The application's DataSource points nowhere: migrations must use the details.
		this.contextRunner.withPropertyValues(properties)
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere")
			.withBean(MigratorConnectionDetails.class, () -> new MigratorConnectionDetails() {
				@Override
				public String getJdbcUrl() {
					return state.url();
				}

				@Override
				public String getUsername() {
					return FlywayParityTests.this.database.user();
				}

				@Override
				public String getPassword() {
					return FlywayParityTests.this.database.password();
				}
			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Migrator.class).configuration().dataSource())
					.isInstanceOf(SimpleDriverDataSource.class);
				assertThat(state.appliedVersions()).containsExactly(1L, 2L);
				assertThat(context.getBean(MigrationStatusCache.class).getTimeToLive()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void statusIsCachedOnlyForADedicatedConnectionUnlessConfigured() {
		DatabaseState state = schema("cache");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.run((context) -> assertThat(context.getBean(MigrationStatusCache.class).getTimeToLive()).isZero());
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.url=" + state.url(), "migrator.user=" + this.database.user())
			.run((context) -> assertThat(context.getBean(MigrationStatusCache.class).getTimeToLive())
				.isEqualTo(Duration.ofSeconds(5)));
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.url=" + state.url(), "migrator.status-cache-duration=30s")
			.run((context) -> assertThat(context.getBean(MigrationStatusCache.class).getTimeToLive())
				.isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void metadataDescribesTheNewPropertiesAndTheHealthSwitch() throws Exception {
		String generated = resource("META-INF/spring-configuration-metadata.json");
		assertThat(generated).contains("\"migrator.target\"", "\"migrator.baseline-on-migrate\"",
				"\"migrator.adopt-from\"", "\"migrator.status-cache-duration\"");
		String additional = resource("META-INF/additional-spring-configuration-metadata.json");
		assertThat(additional).contains("\"management.health.migrations.enabled\"", "\"golang-migrate\"");
	}

	private static String resource(String name) throws Exception {
		try (InputStream stream = FlywayParityTests.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(stream).as(name).isNotNull();
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private DatabaseState schema(String name) {
		return new DatabaseState(this.database, name);
	}

}
