package io.migrator.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.migrator.boot.actuate.endpoint.MigrationsEndpoint;
import io.migrator.boot.actuate.endpoint.MigrationsEndpoint.MigrationDescriptor;
import io.migrator.boot.actuate.health.MigrationsHealthIndicator;
import io.migrator.boot.actuate.metrics.MigratorMetricsListener;
import io.migrator.boot.actuate.metrics.MigratorObservationListener;
import io.migrator.core.Migrator;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One timer per migration whichever way it is recorded, the same execution time in the
 * timer, the log and the endpoint, and the health switch.
 */
@FreshDatabase
@ExtendWith(OutputCaptureExtension.class)
class MetricsAndHealthAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
				MigratorObservationAutoConfiguration.class, MigratorMetricsAutoConfiguration.class,
				MigrationsHealthContributorAutoConfiguration.class));

	private static final Pattern FINISHED = Pattern.compile("Finished version \\d+ \\([^)]*\\) up in (\\d+) ms");

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
	void timerLogAndEndpointShowTheSameExecutionTimes(CapturedOutput output) {
		DatabaseState state = schema("same_times");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<Long> endpoint = endpointExecutionTimes(context);
				assertThat(endpoint).hasSize(2);
				Timer timer = context.getBean(MeterRegistry.class).get("migrator.migration").timer();
				long sum = endpoint.stream().mapToLong(Long::longValue).sum();
				// The timer keeps nanoseconds, the endpoint whole milliseconds of each migration.
				assertThat((long) timer.totalTime(TimeUnit.MILLISECONDS)).isBetween(sum, sum + endpoint.size());
				assertThat((long) timer.max(TimeUnit.MILLISECONDS))
					.isEqualTo(endpoint.stream().mapToLong(Long::longValue).max().orElseThrow());
				assertThat(loggedExecutionTimes(output)).isEqualTo(endpoint);
			});
	}

	@Test
	void observedTimerSpansTheEndpointsExecutionTimes() {
		DatabaseState state = schema("observed_times");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withBean(MeterRegistry.class, () -> meters)
			.withBean(ObservationRegistry.class, () -> observationRegistryRecordingTo(meters))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				long sum = endpointExecutionTimes(context).stream().mapToLong(Long::longValue).sum();
				// The observation starts and stops in the listener calls just around the measured interval.
				assertThat((long) meters.get("migrator.migration").timer().totalTime(TimeUnit.MILLISECONDS))
					.isBetween(sum, sum + 250);
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

	private static List<Long> endpointExecutionTimes(ApplicationContext context) {
		return new MigrationsEndpoint(context).migrations()
			.migrators()
			.get("migrator")
			.migrations()
			.stream()
			.map(MigrationDescriptor::executionTime)
			.toList();
	}

	private static List<Long> loggedExecutionTimes(CapturedOutput output) {
		Matcher matcher = FINISHED.matcher(output.getAll());
		List<Long> logged = new ArrayList<>();
		while (matcher.find()) {
			logged.add(Long.parseLong(matcher.group(1)));
		}
		return logged;
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
