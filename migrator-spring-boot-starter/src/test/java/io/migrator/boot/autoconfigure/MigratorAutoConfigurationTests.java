package io.migrator.boot.autoconfigure;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.migrator.core.Direction;
import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationContext;
import io.migrator.core.MigrationListener;
import io.migrator.core.Migrator;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

@FreshDatabase
class MigratorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class));

	private final TestDatabase database;

	MigratorAutoConfigurationTests(TestDatabase database) {
		this.database = database;
	}

	@Test
	void backsOffWithNoDataSourceBean() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigratorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(Migrator.class)
				.doesNotHaveBean(MigratorInitializer.class));
	}

	@Test
	void backsOffWithoutMigratorCore() {
		DatabaseState state = schema("no_core");
		this.contextRunner.withClassLoader(new FilteredClassLoader(Migrator.class))
			.withPropertyValues(state.properties("apply"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigratorInitializer.class));
		assertThat(state.tableExists("accounts")).isFalse();
	}

	@Test
	void backsOffWhenDisabled() {
		DatabaseState state = schema("disabled");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(Migrator.class));
		assertThat(state.tableExists("accounts")).isFalse();
	}

	@Test
	void appliesMigrationsAtStartupWithOnlyADataSource() {
		DatabaseState state = schema("apply");
		this.contextRunner.withPropertyValues(state.properties("apply")).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(Migrator.class).hasSingleBean(MigratorInitializer.class);
			assertThat(state.appliedVersions()).containsExactly(1L, 2L);
		});
	}

	@Test
	void userDefinedMigratorWins() {
		DatabaseState state = schema("user_migrator");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withUserConfiguration(UserMigratorConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(Migrator.class);
				assertThat(context.getBean(Migrator.class)).isSameAs(context.getBean("customMigrator"));
				assertThat(context.getBean(Migrator.class).configuration().history().table()).isEqualTo("custom_history");
			});
	}

	@Test
	void customizersAreAppliedInOrderAfterTheProperties() {
		DatabaseState state = schema("customized");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.table=from_properties")
			.withUserConfiguration(OrderedCustomizersConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(Migrator.class).configuration().history().table()).isEqualTo("second_history");
				assertThat(context.getBean(OrderedCustomizersConfiguration.class).seenTables)
					.containsExactly("from_properties", "first_history");
			});
	}

	@Test
	void usesTheMigratorDataSourceOverThePrimaryOne() {
		DatabaseState state = schema("qualified");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("test.migrator.url=" + state.url(), "test.migrator.user=" + this.database.user(),
					"test.migrator.password=" + this.database.password())
			.withUserConfiguration(QualifiedDataSourceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Migrator.class).configuration().dataSource())
					.isSameAs(context.getBean("migratorOnly"));
				assertThat(state.appliedVersions()).containsExactly(1L, 2L);
			});
	}

	@Test
	void migratorUrlBuildsADedicatedDataSourceWithoutAnyDataSourceBean() {
		DatabaseState state = schema("by_url");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigratorAutoConfiguration.class))
			.withPropertyValues("migrator.url=" + state.url(), "migrator.user=" + this.database.user(),
					"migrator.password=" + this.database.password(), "migrator.schema=by_url",
					"migrator.locations=classpath:db/boot-tests/apply")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(DataSource.class).hasSingleBean(Migrator.class);
				assertThat(context.getBean(Migrator.class).configuration().dataSource())
					.isInstanceOf(SimpleDriverDataSource.class);
				assertThat(state.appliedVersions()).containsExactly(1L, 2L);
			});
	}

	@Test
	void migrationsAreAppliedBeforeJdbcTemplateUsersAreCreated() {
		DatabaseState state = schema("ordering");
		this.contextRunner.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
			.withPropertyValues(state.properties("apply"))
			.withBean(AccountNames.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AccountNames.class).namesAtConstruction).containsExactly("first");
			});
	}

	@Test
	void javaMigrationBeansAndListenerBeansArePickedUp() {
		DatabaseState state = schema("java_beans");
		RecordingListener listener = new RecordingListener();
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withBean(V00003__seed_accounts.class)
			.withBean(RecordingListener.class, () -> listener)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(state.appliedVersions()).containsExactly(1L, 2L, 3L);
				assertThat(listener.events).containsExactly("before 1", "before 2", "before 3");
			});
	}

	@Test
	void failedMigrationFailsStartupWithAnAnalysisNamingWhereAndWhat() {
		DatabaseState state = schema("failing");
		this.contextRunner.withPropertyValues(state.properties("failing")).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new MigratorFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("Migration failed at version 2")
				.contains("00002_break_widgets.sql")
				.contains("Statement: #2")
				.contains("Line: 4")
				.contains("SQLState: 42P01")
				.contains("no_such_table")
				.doesNotContain(this.database.password().isEmpty() ? "\u0000" : this.database.password());
			assertThat(analysis.getAction()).startsWith("Fix ").contains("00002_break_widgets.sql").contains("line 4");
			assertThat(state.appliedVersions()).containsExactly(1L);
		});
	}

	@Test
	void modeNoneRunsNothingAtStartup() {
		DatabaseState state = schema("mode_none");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.mode=none")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Migrator.class);
				assertThat(state.tableExists("migrator_history")).isFalse();
			});
	}

	@Test
	void guardRefusesToStartWhileMigrationsArePendingAndChangesNothing() {
		DatabaseState state = schema("guard_pending");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.mode=validate")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(SchemaNotAppliedException.class);
				FailureAnalysis analysis = new MigratorFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("migrator.mode=validate refuses to start")
					.contains("Pending: 1, 2");
				assertThat(analysis.getAction()).contains("migrator.mode=job");
			});
		assertThat(state.tableExists("migrator_history")).isFalse();
		assertThat(state.tableExists("accounts")).isFalse();
	}

	@Test
	void guardRefusesAModifiedMigration() {
		DatabaseState state = schema("guard_modified");
		this.contextRunner.withPropertyValues(state.properties("apply")).run((context) -> assertThat(context).hasNotFailed());
		state.execute("UPDATE migrator_history SET checksum = 'tampered' WHERE version = 2");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.mode=validate")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new MigratorFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Checksum changed: 2");
				assertThat(analysis.getAction()).contains("migrator repair");
			});
	}

	@Test
	void guardBootsWhenEverythingIsApplied() {
		DatabaseState state = schema("guard_applied");
		this.contextRunner.withPropertyValues(state.properties("apply")).run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.mode=validate")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(MigratorInitializer.class));
	}

	@Test
	void jobModeAppliesThenClosesTheContextAndExitsWithZero() {
		DatabaseState state = schema("job_runner");
		List<Integer> statuses = new ArrayList<>();
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.mode=job")
			.withBean(MigratorJobExitHandler.class, () -> statuses::add)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(SpringApplication.AbandonedRunException.class);
				assertThat(statuses).containsExactly(0);
				assertThat(state.appliedVersions()).containsExactly(1L, 2L);
			});
	}

	/** 30s is the builder's default lease: set explicitly, it is refused all the same. */
	@ParameterizedTest
	@ValueSource(strings = { "10s", "30s" })
	void invalidConfigurationFailsStartupWithAnAnalysis(String lease) {
		DatabaseState state = schema("bad_config");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.lock.strategy=none", "migrator.lock.lease-duration=" + lease)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new MigratorFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("INVALID_CONFIGURATION").contains("lockLeaseDuration");
				assertThat(analysis.getAction()).contains("migrator.*");
			});
	}

	private DatabaseState schema(String name) {
		return new DatabaseState(this.database, name);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMigratorConfiguration {

		@Bean
		Migrator customMigrator(DataSource dataSource) {
			return Migrator.builder()
				.dataSource(dataSource)
				.table("custom_history")
				.locations("classpath:db/boot-tests/apply")
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizersConfiguration {

		final List<String> seenTables = new ArrayList<>();

		@Bean
		@Order(2)
		MigratorCustomizer second() {
			return (builder) -> {
				this.seenTables.add(builder.toConfiguration().history().table());
				builder.table("second_history");
			};
		}

		@Bean
		@Order(1)
		MigratorCustomizer first() {
			return (builder) -> {
				this.seenTables.add(builder.toConfiguration().history().table());
				builder.table("first_history");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedDataSourceConfiguration {

		// The application's own DataSource points nowhere: migrations must not use it.
		@Bean
		@Primary
		DataSource applicationDataSource() {
			return new SimpleDriverDataSource(new org.postgresql.Driver(), "jdbc:postgresql://127.0.0.1:1/nowhere");
		}

		@Bean
		@MigratorDataSource
		DataSource migratorOnly(Environment environment) {
			return new SimpleDriverDataSource(new org.postgresql.Driver(), environment.getProperty("test.migrator.url"),
					environment.getProperty("test.migrator.user"), environment.getProperty("test.migrator.password"));
		}

	}

	static class AccountNames {

		final List<String> namesAtConstruction;

		AccountNames(JdbcTemplate jdbcTemplate) {
			this.namesAtConstruction = jdbcTemplate.queryForList("SELECT name FROM accounts", String.class);
		}

	}

	static class V00003__seed_accounts implements JavaMigration {

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("INSERT INTO accounts (id, name, email) VALUES (3, 'java', 'java@example.com')");
			}
		}

	}

	static class RecordingListener implements MigrationListener {

		final List<String> events = new ArrayList<>();

		@Override
		public void beforeMigration(long version, String description, Direction direction) {
			this.events.add("before " + version);
		}

	}


}
