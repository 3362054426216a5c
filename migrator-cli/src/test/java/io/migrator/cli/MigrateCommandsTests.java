package io.migrator.cli;

import java.nio.file.Path;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@FreshDatabase
class MigrateCommandsTests {

	private CliFixture fixture;

	@BeforeEach
	void prepare(TestDatabase database, @TempDir Path directory) {
		this.fixture = new CliFixture(database, directory);
		this.fixture.table("00001", "users").table("00002", "orders").table("00003", "invoices");
	}

	@Test
	void upAppliesEveryPendingMigrationAndShowsEachOne() {
		CliRun run = this.fixture.run("up");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).matches("applied 00001_create_users\\.sql \\(\\d+ ms\\)\n"
				+ "applied 00002_create_orders\\.sql \\(\\d+ ms\\)\n" + "applied 00003_create_invoices\\.sql \\(\\d+ ms\\)\n"
				+ "up: 3 migration\\(s\\), version 0 -> 3 in \\d+ ms\n");
		assertThat(run.err()).isEmpty();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2", "3");
		assertThat(this.fixture.tableExists("invoices")).isTrue();
	}

	@Test
	void statusShowsTheExecutionTimesUpReported() {
		JsonNode up = this.fixture.run("up", "--json").json();
		JsonNode status = this.fixture.run("status", "--json").json();
		for (int i = 0; i < 3; i++) {
			assertThat(status.at("/migrations/" + i + "/executionTimeMs").asLong()).as("version %d", i + 1)
				.isEqualTo(up.at("/migrations/" + i + "/durationMs").asLong());
		}
	}

	@Test
	void upWithNothingPendingSaysSo() {
		this.fixture.run("up");
		CliRun run = this.fixture.run("up");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("nothing to do; current version 3");
	}

	@Test
	void upByOneAppliesOnlyTheNextMigration() {
		CliRun run = this.fixture.run("up-by-one");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1");
	}

	@Test
	void upToStopsAtTheGivenVersion() {
		CliRun run = this.fixture.run("up-to", "2");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

	@Test
	void downUndoesTheLatestMigration() {
		this.fixture.run("up");
		CliRun run = this.fixture.run("down");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).startsWith("undone 00003_create_invoices.sql (");
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
		assertThat(this.fixture.tableExists("invoices")).isFalse();
	}

	@Test
	void downToZeroUndoesEverything() {
		this.fixture.run("up");
		CliRun run = this.fixture.run("down-to", "0");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).isEmpty();
		assertThat(this.fixture.tableExists("users")).isFalse();
	}

	@Test
	void downToKeepsTheGivenVersion() {
		this.fixture.run("up");
		CliRun run = this.fixture.run("down-to", "1");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1");
	}

	@Test
	void redoUndoesAndReappliesTheLatestMigration() {
		this.fixture.run("up");
		CliRun run = this.fixture.run("--json", "redo");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		JsonNode migrations = run.json().get("migrations");
		assertThat(migrations).hasSize(2);
		assertThat(migrations.get(0).get("direction").asString()).isEqualTo("down");
		assertThat(migrations.get(1).get("direction").asString()).isEqualTo("up");
		assertThat(migrations.get(1).get("version").asLong()).isEqualTo(3);
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2", "3");
	}

	@Test
	void resetUndoesEveryMigration() {
		this.fixture.run("up");
		CliRun run = this.fixture.run("reset");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).isEmpty();
	}

	@Test
	void runResultAsJsonHasOneEntryPerMigration() {
		CliRun run = this.fixture.run("up", "--json");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		JsonNode json = run.json();
		assertThat(json.get("operation").asString()).isEqualTo("up");
		assertThat(json.get("versionBefore").asLong()).isZero();
		assertThat(json.get("versionAfter").asLong()).isEqualTo(3);
		assertThat(json.get("durationMs").isNumber()).isTrue();
		JsonNode first = json.get("migrations").get(0);
		assertThat(first.get("version").asLong()).isEqualTo(1);
		assertThat(first.get("description").asString()).isEqualTo("create users");
		assertThat(first.get("type").asString()).isEqualTo("sql");
		assertThat(first.get("outcome").asString()).isEqualTo("succeeded");
		assertThat(first.get("error").isNull()).isTrue();
	}

	@Test
	void dryRunReportsWhatWouldFailAndChangesNothing() {
		this.fixture.write("00004_broken.sql", "-- +goose Up\nSELECT * FROM no_such_table;\n");
		CliRun run = this.fixture.run("dry-run", "--json");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		JsonNode migrations = run.json().get("migrations");
		assertThat(migrations.findValuesAsString("outcome")).contains("verified", "failed");
		assertThat(this.fixture.tableExists("users")).isFalse();
	}

	@Test
	void dryRunOfGoodMigrationsExitsZero() {
		CliRun run = this.fixture.run("dry-run");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("verified");
		assertThat(this.fixture.tableExists("users")).isFalse();
	}

	@Test
	void baselineMarksVersionsAppliedWithoutRunningThem() {
		CliRun run = this.fixture.run("baseline", "2");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("marked applied");
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
		assertThat(this.fixture.tableExists("users")).isFalse();
		assertThat(this.fixture.run("up").exitCode()).isZero();
		assertThat(this.fixture.tableExists("invoices")).isTrue();
	}

	@Test
	void baselineOnAManagedDatabaseIsRefused() {
		this.fixture.run("up");
		CliRun run = this.fixture.run("baseline", "2");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("Cannot baseline");
	}

	@Test
	void repairAcceptsAChangedFile() {
		this.fixture.run("up");
		this.fixture.write("00002_create_orders.sql",
				"-- +goose Up\nCREATE TABLE orders (id int); -- reformatted\n\n-- +goose Down\nDROP TABLE orders;\n");
		assertThat(this.fixture.run("validate").exitCode()).isEqualTo(1);
		CliRun run = this.fixture.run("repair");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("repaired");
		assertThat(this.fixture.run("validate").exitCode()).isZero();
	}

	@Test
	void failedMigrationExitsOneAndSaysWhereAndWhatToDo() {
		this.fixture.write("00004_broken.sql", "-- +goose Up\nCREATE TABLE fine (id int);\nSELECT * FROM nope;\n");
		CliRun run = this.fixture.run("up");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains("00004_broken.sql", "statement 2", "line 3", "42P01", "Fix the migration")
			.doesNotContain("\tat ");
		assertThat(run.out()).contains("FAILED");
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2", "3");
		assertThat(this.fixture.tableExists("fine")).isFalse();
	}

	@Test
	void failedMigrationAsJsonCarriesThePartialRunAndTheLocation() {
		this.fixture.write("00004_broken.sql", "-- +goose Up\nSELECT * FROM nope;\n");
		CliRun run = this.fixture.run("up", "--json");
		assertThat(run.exitCode()).isEqualTo(1);
		JsonNode json = run.json();
		assertThat(json.get("migrations")).hasSize(4);
		JsonNode error = json.get("error");
		assertThat(error.get("code").asString()).isEqualTo("MIGRATION_FAILED");
		assertThat(error.get("version").asLong()).isEqualTo(4);
		assertThat(error.get("line").asInt()).isEqualTo(2);
		assertThat(error.get("sqlState").asString()).isEqualTo("42P01");
	}

	@Test
	void verboseShowsTheStackTrace() {
		this.fixture.write("00004_broken.sql", "-- +goose Up\nSELECT * FROM nope;\n");
		CliRun run = this.fixture.run("up", "--verbose");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("MigrationFailedException", "\tat ");
	}

	@Test
	void outOfOrderVersionIsRefusedUnlessAllowed() throws Exception {
		java.nio.file.Files.delete(this.fixture.directory().resolve("00002_create_orders.sql"));
		this.fixture.run("up");
		this.fixture.table("00002", "orders");
		CliRun refused = this.fixture.run("up");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
		assertThat(refused.err()).contains("2");
		CliRun allowed = this.fixture.run("up", "--allow-out-of-order");
		assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2", "3");
	}

}
