package io.migrator.test;

import io.migrator.core.Migrator;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@MigratorTest(locations = { "classpath:kit/base", "classpath:kit/good" })
class EveryDownReversesItsUpTests {

	@Test
	void passesWhenEveryDownUndoesItsUpAndLeavesEverythingApplied(Migrator migrator) {
		MigrationAssertions.assertThat(migrator).everyDownReversesItsUp();
		assertThat(migrator.version()).isEqualTo(6);
		assertThat(migrator.check().isValid()).isTrue();
	}

	@Test
	void passesWithTheHistoryTableInASchemaOfItsOwnThatTheFirstUpCreates(MigrationTestDatabase database) {
		Migrator migrator = database.migratorBuilder().schema("migrations").build();
		MigrationAssertions.assertThat(migrator).everyDownReversesItsUp().upDownUpGivesTheSameSchema();
		assertThat(migrator.version()).isEqualTo(6);
	}

	@Test
	void failsAtTheDownThatForgetsAnIndexNamingVersionFileAndIndex(MigrationTestDatabase database) {
		Migrator migrator = withThirdMigrationFrom(database, "down-forgets-index");
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).everyDownReversesItsUp())
			.withMessage("Down of version 3 (kit/down-forgets-index/00003_index_customer_nicknames.sql) does not "
					+ "reverse its Up: the schema after Up and Down differs from the schema before Up (+ only after, "
					+ "- only before, ~ changed from expected, before, to actual, after):\n"
					+ "in schema public:\n"
					+ "+ index customers_name_and_id: CREATE INDEX customers_name_and_id ON customers USING btree (name, id)\n"
					+ "Make the Down undo exactly what the Up does.")
			.satisfies((failure) -> {
				assertThat(failure.isExpectedDefined()).isTrue();
				assertThat(failure.getActual().getStringRepresentation()).contains("customers_name_and_id");
				assertThat(failure.getExpected().getStringRepresentation()).doesNotContain("customers_name_and_id");
			});
		// Stopped at the first bad Down: version 3 stays undone, nothing after it ran.
		assertThat(migrator.version()).isEqualTo(2);
	}

	@Test
	void failsAtTheDownThatDropsTheWrongColumn(MigrationTestDatabase database) {
		Migrator migrator = withThirdMigrationFrom(database, "down-drops-wrong-column");
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).everyDownReversesItsUp())
			.withMessageStartingWith("Down of version 3 (kit/down-drops-wrong-column/00003_add_customer_email.sql) "
					+ "does not reverse its Up")
			.withMessageContaining("\n- column customers.name: ")
			.withMessageContaining("\n+ column customers.email: ");
	}

	@Test
	void failsAtAMigrationWithoutDown(MigrationTestDatabase database) {
		Migrator migrator = withThirdMigrationFrom(database, "no-down");
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).everyDownReversesItsUp())
			.withMessage("version 3 (kit/no-down/00003_add_customer_email.sql) has no Down, so nothing reverses its "
					+ "Up. Add a Down that undoes exactly what the Up does; if it cannot be undone on purpose, leave it out with "
					+ "everyDownReversesItsUpExcept(3).");
	}

	@Test
	void leavesOutMigrationsThatCannotBeUndoneOnPurpose(MigrationTestDatabase database) {
		Migrator migrator = database.migratorBuilder()
			.locations("classpath:kit/base", "classpath:kit/no-down", "classpath:kit/down-forgets-index-later")
			.build();
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).everyDownReversesItsUpExcept(3))
			.withMessageStartingWith("Down of version 4 (kit/down-forgets-index-later/00004_index_customer_emails.sql) "
					+ "does not reverse its Up");
		assertThat(migrator.version()).as("version 3 applied, version 4 undone").isEqualTo(3);
	}

	@Test
	void versionToLeaveOutThatIsNotPendingIsRefused(Migrator migrator) {
		migrator.upTo(1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).everyDownReversesItsUpExcept(1, 9))
			.withMessage("Versions to leave out [1, 9] are not pending; pending are [2, 3, 4, 5, 6]");
	}

	@Test
	void failsAtADownThatLeavesAFunction(MigrationTestDatabase database) {
		Migrator migrator = withThirdMigrationFrom(database, "down-leaves-function");
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).everyDownReversesItsUp())
			.withMessageStartingWith("Down of version 3 (kit/down-leaves-function/00003_normalize_email.sql) "
					+ "does not reverse its Up")
			.withMessageContaining("\n+ function normalize_email(address text): ");
	}

	@Test
	void comparesEverySchemaNotOnlyTheHistoryTablesOne(MigrationTestDatabase database) {
		Migrator migrator = withThirdMigrationFrom(database, "down-leaves-schema");
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).everyDownReversesItsUp())
			.withMessageStartingWith("Down of version 3 (kit/down-leaves-schema/00003_create_audit_schema.sql) "
					+ "does not reverse its Up")
			.withMessageContaining("\n+ schema audit (new, with 1 object)\n");
	}

	@Test
	void failsWhenNothingIsPending(Migrator migrator) {
		migrator.up();
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).everyDownReversesItsUp())
			.withMessage("No migration is pending, so no Down can be checked against its Up (current version 6). "
					+ "Check on a database where they are pending, such as the fresh one @MigratorTest gives each test.");
	}

	@Test
	void failsWhenAMigrationsUpFailsNamingIt(MigrationTestDatabase database) {
		Migrator migrator = database.migratorBuilder().locations("classpath:kit/good").build();
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).everyDownReversesItsUp())
			.withMessageStartingWith("Up of version 3 (kit/good/00003_add_customer_email.sql) failed: ")
			.withMessageContaining("customers");
	}

	private static Migrator withThirdMigrationFrom(MigrationTestDatabase database, String directory) {
		return database.migratorBuilder().locations("classpath:kit/base", "classpath:kit/" + directory).build();
	}

}
