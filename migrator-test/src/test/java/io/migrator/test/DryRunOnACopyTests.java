package io.migrator.test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.migrator.core.Migrator;
import io.migrator.core.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@MigratorTest(locations = { "classpath:kit/base", "classpath:kit/good" })
class DryRunOnACopyTests {

	@Test
	void passesOnACopyMigratedToAnEarlierVersionAndChangesNothing(MigrationTestDatabase database) {
		MigrationTestDatabase copy = database.copyMigratedTo(2);
		MigrationAssertions.assertThat(copy.migrator()).dryRunOfPendingMigrationsPasses();
		assertThat(copy.migrator().version()).isEqualTo(2);
		assertThat(copy.migrator().dryRun().migrations()).extracting((result) -> result.outcome())
			.containsExactly(Outcome.VERIFIED, Outcome.VERIFIED, Outcome.NOT_VERIFIABLE, Outcome.VERIFIED);
		assertThat(database.migrator().version()).as("the copied database itself").isZero();
	}

	@Test
	void passesOnACopyOfAProductionDump(MigrationTestDatabase database) {
		MigrationTestDatabase copy = database.copyFromDump(dump("production-at-2.sql"));
		assertThat(copy.migrator().version()).isEqualTo(2);
		MigrationAssertions.assertThat(copy.migrator()).dryRunOfPendingMigrationsPasses();
		assertThat(copy.migrator().version()).isEqualTo(2);
	}

	@Test
	void failsOnACopyOfAProductionDumpWhereAColumnWasAddedByHand(MigrationTestDatabase database) {
		MigrationTestDatabase copy = database.copyFromDump(dump("production-at-2-with-email-added-by-hand.sql"));
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(copy.migrator()).dryRunOfPendingMigrationsPasses())
			.withMessageStartingWith("Dry run of the pending migrations fails at version 3 (current version 2):\n"
					+ "- version 3 (kit/good/00003_add_customer_email.sql): ")
			.withMessageContaining("column \"email\" of relation \"customers\" already exists");
	}

	@Test
	void passesWhenNothingIsPending(MigrationTestDatabase database) {
		MigrationTestDatabase copy = database.copyMigratedTo(6);
		MigrationAssertions.assertThat(copy.migrator()).dryRunOfPendingMigrationsPasses();
	}

	@Test
	void copyAtAVersionNoMigrationHasIsRefused(MigrationTestDatabase database) {
		assertThatIllegalArgumentException().isThrownBy(() -> database.copyMigratedTo(7))
			.withMessage("The copy was meant to be at version 7 but is at 6: no migration has version 7. Use the "
					+ "version of an existing migration.");
	}

	@Test
	void copiesAreDroppedWithTheirDatabase(MigrationTestDatabase database) throws SQLException {
		MigrationTestDatabase owner = MigrationTestDatabase.create("owner", java.util.List.of("classpath:kit/base"),
				java.util.List.of());
		String copy = owner.copyMigratedTo(1).name();
		assertThat(databaseExists(database, copy)).isTrue();
		owner.close();
		assertThat(databaseExists(database, copy)).isFalse();
		assertThat(databaseExists(database, owner.name())).isFalse();
	}

	@Test
	void dumpWithCopyDataIsRefusedNamingTheLine(MigrationTestDatabase database, @TempDir Path directory)
			throws IOException {
		Path dump = write(directory, "CREATE TABLE t (a int);\n\nCOPY public.t (a) FROM stdin;\n1\n\\.\n");
		assertThatIllegalArgumentException().isThrownBy(() -> database.copyFromDump(dump))
			.withMessage("Dump " + dump + " line 3 holds table data in COPY format, which only psql loads; dump the "
					+ "data with --inserts (e.g. pg_dump --data-only --inserts --table=migrator_history)");
	}

	@Test
	void dumpOfSeveralDatabasesIsRefusedNamingTheLine(MigrationTestDatabase database, @TempDir Path directory)
			throws IOException {
		Path dump = write(directory, "CREATE TABLE t (a int);\n\\connect shop\nCREATE TABLE u (a int);\n");
		assertThatIllegalArgumentException().isThrownBy(() -> database.copyFromDump(dump))
			.withMessage("Dump " + dump + " line 2 holds the psql command '\\connect', which only psql runs; dump one "
					+ "database in plain format (pg_dump --format=plain DATABASE), not pg_dumpall");
	}

	@Test
	void dumpThatFailsNamesTheLine(MigrationTestDatabase database, @TempDir Path directory) throws IOException {
		Path dump = write(directory, "\\restrict abc123\nCREATE TABLE kept (a int);\n\n-- a comment\n"
				+ "CREATE TABLE broken (a no_such_type);\n\\unrestrict abc123\n");
		assertThatIllegalArgumentException().isThrownBy(() -> database.copyFromDump(dump))
			.withMessageStartingWith("Could not load dump " + dump + " at line 5: ")
			.withMessageContaining("no_such_type")
			.withMessageEndingWith("(SQLState 42704). Nothing of the dump was kept.");
	}

	@Test
	void dumpNamingARoleThisServerLacksSaysHowToDumpWithoutOwners(MigrationTestDatabase database,
			@TempDir Path directory) throws IOException {
		Path dump = write(directory, "CREATE TABLE t (a int);\nALTER TABLE public.t OWNER TO shop_owner_in_production;\n");
		assertThatIllegalArgumentException().isThrownBy(() -> database.copyFromDump(dump))
			.withMessageStartingWith("Could not load dump " + dump + ": ")
			.withMessageContaining("role \"shop_owner_in_production\" does not exist")
			.withMessageEndingWith("dump with --no-owner --no-privileges.");
	}

	private static boolean databaseExists(MigrationTestDatabase witness, String name) throws SQLException {
		try (Connection connection = witness.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
			result.next();
			return result.getInt(1) == 1;
		}
	}

	private static Path dump(String name) {
		try {
			return Path.of(DryRunOnACopyTests.class.getResource("/kit/dumps/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path write(Path directory, String content) throws IOException {
		return Files.writeString(directory.resolve("dump.sql"), content);
	}

}
