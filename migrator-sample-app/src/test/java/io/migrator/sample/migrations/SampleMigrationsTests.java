package io.migrator.sample.migrations;

import io.migrator.core.Migrator;
import io.migrator.core.MigratorBuilder;
import io.migrator.test.MigrationAssertions;
import io.migrator.test.MigrationTestDatabase;
import io.migrator.test.MigratorCustomizer;
import io.migrator.test.MigratorTest;
import org.junit.jupiter.api.Test;

/**
 * The sample's migrations checked with migrator-test, as a team would check its own: each
 * test gets a fresh database with the SQL files of {@code classpath:db/migrations} and the
 * Java migration that the application gets as a Spring bean.
 */
@MigratorTest(locations = "classpath:db/migrations", customizers = SampleMigrationsTests.JavaMigrations.class)
class SampleMigrationsTests {

	@Test
	void everyDownReversesItsUp(Migrator migrator) {
		MigrationAssertions.assertThat(migrator).everyDownReversesItsUp();
	}

	@Test
	void upDownUpGivesTheSameSchema(Migrator migrator) {
		MigrationAssertions.assertThat(migrator).upDownUpGivesTheSameSchema();
	}

	@Test
	void afterUpTheAppliedSetEqualsTheFiles(Migrator migrator) {
		migrator.up();
		MigrationAssertions.assertThat(migrator).hasAppliedEveryMigration();
	}

	@Test
	void theZeroDowntimeColumnDryRunsOnADatabaseOfThePreviousRelease(MigrationTestDatabase database) {
		// The release before the email column (versions 6 to 8) stopped at version 5.
		MigrationTestDatabase previousRelease = database.copyMigratedTo(5);
		MigrationAssertions.assertThat(previousRelease.migrator()).dryRunOfPendingMigrationsPasses();
	}

	/** What the application's Spring context gives the migrator: its Java migration beans. */
	static class JavaMigrations implements MigratorCustomizer {

		@Override
		public void customize(MigratorBuilder builder) {
			builder.javaMigrations(new SeedCountriesMigration(new CountryCatalog()));
		}

	}

}
