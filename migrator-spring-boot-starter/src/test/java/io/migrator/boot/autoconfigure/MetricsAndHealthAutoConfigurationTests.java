package io.migrator.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.migrator.boot.actuate.health.MigrationsHealthIndicator;
import io.migrator.boot.actuate.metrics.MigratorMetricsListener;
import io.migrator.boot.actuate.metrics.MigratorObservationListener;
import io.migrator.core.Migrator;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One timer per migration whichever way it is recorded, and the health switch.
 */
@FreshDatabase
class MetricsAndHealthAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
				MigratorObservationAutoConfiguration.class, MigratorMetricsAutoConfiguration.class,
				MigrationsHealthContributorAutoConfiguration.class));

	private final TestDatabase database;

	MetricsAndHealthAutoConfigurationTests(TestDatabase database) {
		this.database = database;
	}

	@Test
	void withoutObservationsAPlainTimerRecordsEachMigrationWithoutAVersionTag() {
		DatabaseState state = schema("plain_timer");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(MigratorMetricsListener.class)
					.doesNotHaveBean(MigratorObservationListener.class);
				assertThat(context.getBean(MeterRegistry.class).find("migrator.migration").timers()).singleElement()
					.satisfies(MetricsAndHealthAutoConfigurationTests::isTheSuccessfulSqlUpTimerOfTwoMigrations);
			});
	}

	@Test
	void withObservationsTheObservationIsTheOnlyTimer() {
		DatabaseState state = schema("observed_timer");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withBean(MeterRegistry.class, () -> meters)
			.withBean(ObservationRegistry.class, () -> observationRegistryRecordingTo(meters))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(MigratorObservationListener.class)
					.doesNotHaveBean(MigratorMetricsListener.class);
				assertThat(context.getBean(MeterRegistry.class).find("migrator.migration").timers()).singleElement()
					.satisfies(MetricsAndHealthAutoConfigurationTests::isTheSuccessfulSqlUpTimerOfTwoMigrations);
			});
	}

	@Test
	void healthContributorBacksOffWhenDisabled() {
		DatabaseState state = schema("health_off");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.run((context) -> assertThat(context).hasSingleBean(MigrationsHealthIndicator.class));
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("management.health.migrations.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsHealthIndicator.class));
	}

	@Test
	void metricsBackOffWithoutMicrometer() {
		DatabaseState state = schema("no_micrometer");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
					MigratorObservationAutoConfiguration.class, MigratorMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.withPropertyValues(state.properties("apply"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(Migrator.class)
				.doesNotHaveBean(MigratorMetricsListener.class)
				.doesNotHaveBean(MigratorObservationListener.class));
	}

	private static void isTheSuccessfulSqlUpTimerOfTwoMigrations(Timer timer) {
		assertThat(timer.getId().getTag("direction")).isEqualTo("up");
		assertThat(timer.getId().getTag("outcome")).isEqualTo("succeeded");
		assertThat(timer.getId().getTag("type")).isEqualTo("sql");
		assertThat(timer.getId().getTag("error")).isEqualTo("none");
		assertThat(timer.getId().getTag("version")).isNull();
		assertThat(timer.count()).isEqualTo(2);
	}

	private static ObservationRegistry observationRegistryRecordingTo(MeterRegistry meters) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		return registry;
	}

	private DatabaseState schema(String name) {
		return new DatabaseState(this.database, name);
	}

}
