package io.migrator.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.migrator.boot.actuate.health.MigrationsHealthIndicator;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorException;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup configurations that used to run nothing without a word: lazy initialization,
 * several migrators, locations that do not exist or hide their files in sub-folders.
 */
@FreshDatabase
@ExtendWith(OutputCaptureExtension.class)
class NeverSilentlyDoNothingTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class));

	private final ApplicationContextRunner lazyContextRunner = this.contextRunner.withInitializer(
			(context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()));

	private final TestDatabase database;

	NeverSilentlyDoNothingTests(TestDatabase database) {
		this.database = database;
	}

	@Test
	void applyModeRunsUnderLazyInitialization() {
		DatabaseState state = schema("lazy_apply");
		this.lazyContextRunner.withPropertyValues(state.properties("apply")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(state.appliedVersions()).containsExactly(1L, 2L);
		});
	}

	@Test
	void validateModeRefusesUnderLazyInitialization() {
		DatabaseState state = schema("lazy_validate");
		this.lazyContextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.mode=validate")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(SchemaNotAppliedException.class));
	}

	@Test
	void jobModeAppliesAndExitsUnderLazyInitialization() {
		DatabaseState state = schema("lazy_job");
		List<Integer> statuses = new ArrayList<>();
		this.lazyContextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.mode=job")
			.withBean(MigratorJobExitHandler.class, () -> statuses::add)
			.run((context) -> {
				assertThat(context).getFailure().rootCause().isInstanceOf(SpringApplication.AbandonedRunException.class);
				assertThat(statuses).containsExactly(0);
				assertThat(state.appliedVersions()).containsExactly(1L, 2L);
			});
	}

	@Test
	void everyUserDefinedMigratorRunsInApplyMode(CapturedOutput output) {
		DatabaseState first = schema("two_first");
		DatabaseState second = schema("two_second");
		this.contextRunner.withPropertyValues(first.properties("apply"))
			.withBean("firstMigrator", Migrator.class, () -> migrator(first, "apply"))
			.withBean("secondMigrator", Migrator.class, () -> migrator(second, "existing"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(MigratorInitializer.class);
				assertThat(first.appliedVersions()).containsExactly(1L, 2L);
				assertThat(second.appliedVersions()).containsExactly(1L, 2L, 3L);
			});
		assertThat(output).contains("Migrating with Migrator bean 'firstMigrator'",
				"Migrating with Migrator bean 'secondMigrator'");
	}

	@Test
	void everyUserDefinedMigratorIsGuardedInValidateMode() {
		DatabaseState applied = schema("guard_two_applied");
		DatabaseState empty = schema("guard_two_empty");
		migrator(applied, "apply").up();
		this.contextRunner.withPropertyValues(applied.properties("apply"))
			.withPropertyValues("migrator.mode=validate")
			.withBean("appliedMigrator", Migrator.class, () -> migrator(applied, "apply"))
			.withBean("emptyMigrator", Migrator.class, () -> migrator(empty, "apply"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(SchemaNotAppliedException.class));
		assertThat(empty.tableExists("migrator_history")).isFalse();
	}

	@Test
	void aConfiguredLocationThatDoesNotExistFailsTheStartNamingIt() {
		DatabaseState state = schema("missing_location");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.locations=classpath:db/boot-tests/apply,classpath:db/boot-tests/nowhere")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(MigratorException.class)
					.hasMessageContaining("[classpath:db/boot-tests/nowhere]")
					.hasMessageContaining("Migrator bean 'migrator'")
					.hasMessageNotContaining("Did you mean");
				FailureAnalysis analysis = new MigratorFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("classpath:db/boot-tests/nowhere");
				assertThat(analysis.getAction()).contains("migrator.*");
			});
		assertThat(state.tableExists("accounts")).as("nothing ran").isFalse();
	}

	@Test
	void flywaysLocationNameGetsASuggestion() {
		DatabaseState state = schema("flyway_location");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("migrator.locations=classpath:db/migration")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("[classpath:db/migration]")
				.hasMessageContaining("Did you mean classpath:db/migrations?"));
	}

	@Test
	void theDefaultLocationMissingOnlyWarns(CapturedOutput output) {
		DatabaseState state = schema("default_location");
		String[] properties = state.properties("apply");
		this.contextRunner.withPropertyValues(properties[0], properties[1], properties[2], properties[3])
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("Migration location classpath:db/migrations does not exist");
	}

	@Test
	void filesOnlyInSubFoldersWithoutRecursionWarnNamingTheOption(CapturedOutput output) {
		DatabaseState state = schema("nested_only");
		this.contextRunner.withPropertyValues(state.properties("nested")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(state.tableExists("things")).isFalse();
		});
		assertThat(output).contains("classpath:db/boot-tests/nested holds 1 migration file(s) only in sub-folders",
				"migrator.recursive=false");
		this.contextRunner.withPropertyValues(state.properties("nested"))
			.withPropertyValues("migrator.recursive=true")
			.run((context) -> assertThat(state.tableExists("things")).isTrue());
	}

	@Test
	void anEmptyLocationIsReportedInHealthDetails() {
		DatabaseState state = schema("empty_health");
		Migrator migrator = Migrator.builder()
			.dataSource(state.dataSource())
			.schema("empty_health")
			.locations("classpath:db/boot-tests/apply", "classpath:db/boot-tests/nested")
			.build();
		migrator.up();
		Health health = new MigrationsHealthIndicator(migrator, null).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("emptyLocations", List.of("classpath:db/boot-tests/nested"));
	}

	private Migrator migrator(DatabaseState state, String location) {
		return Migrator.builder()
			.dataSource(state.dataSource())
			.schema(state.schema())
			.locations("classpath:db/boot-tests/" + location)
			.build();
	}

	private DatabaseState schema(String name) {
		return new DatabaseState(this.database, name);
	}

}
