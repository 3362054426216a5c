package io.migrator.test;

import io.migrator.core.Migrator;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@MigratorTest(locations = { "classpath:kit/base", "classpath:kit/good" })
class UpDownUpTests {

	@Test
	void passesWhenDownOfAllUndoesUpOfAll(Migrator migrator) {
		MigrationAssertions.assertThat(migrator).upDownUpGivesTheSameSchema();
		assertThat(migrator.version()).isEqualTo(6);
	}

	@Test
	void passesFromADatabaseWhereSomeMigrationsAreApplied(Migrator migrator) {
		migrator.upTo(3);
		MigrationAssertions.assertThat(migrator).upDownUpGivesTheSameSchema();
		assertThat(migrator.version()).isEqualTo(6);
	}

	@Test
	void failsWhenDownOfAllLeavesAFunctionBehind(MigrationTestDatabase database) {
		Migrator migrator = database.migratorBuilder()
			.locations("classpath:kit/base", "classpath:kit/down-leaves-function")
			.build();
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).upDownUpGivesTheSameSchema())
			.withMessageStartingWith("Down of all migrations does not return the schema to what it was before the "
					+ "first Up (+ only after, - only before, ~ changed from expected, before, to actual, after):\n"
					+ "in schema public:\n+ function normalize_email(address text): ")
			.withMessageEndingWith("everyDownReversesItsUp() names the migration whose Down falls short.");
	}

	@Test
	void failsWhenUpAfterDownGivesAnotherSchema(MigrationTestDatabase database) {
		// Version 1 is applied before: the second Up meets what the Downs left and IF NOT EXISTS hides it.
		Migrator migrator = database.migratorBuilder().locations("classpath:kit/if-not-exists-hides-down").build();
		migrator.upTo(1);
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).upDownUpGivesTheSameSchema())
			.withMessageStartingWith("Up of all migrations after down of all gives another schema than the first up "
					+ "of all (+ only after, - only before, ~ changed from expected, before, to actual, after):\n"
					+ "in schema public:\n~ column settings.retention_days\n")
			.satisfies((failure) -> {
				assertThat(failure.getExpected().getStringRepresentation()).contains("30");
				assertThat(failure.getActual().getStringRepresentation()).contains("7");
			});
	}

	@Test
	void failsNamingTheMigrationThatCannotBeUndone(MigrationTestDatabase database) {
		Migrator migrator = database.migratorBuilder().locations("classpath:kit/base", "classpath:kit/no-down").build();
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).upDownUpGivesTheSameSchema())
			.withMessageStartingWith("Down of all migrations failed: Cannot down-to version 3 (add customer email)");
	}

}
