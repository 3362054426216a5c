package io.migrator.cli;

import java.nio.file.Path;
import java.time.Instant;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@FreshDatabase
class InspectCommandsTests {

	private CliFixture fixture;

	@BeforeEach
	void prepare(TestDatabase database, @TempDir Path directory) {
		this.fixture = new CliFixture(database, directory);
		this.fixture.table("00001", "users").table("00002", "orders");
	}

	@Test
	void statusJsonHasTheCurrentVersionAndOneObjectPerMigration() {
		this.fixture.run("up-by-one");
		CliRun run = this.fixture.run("status", "--json");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		JsonNode json = run.json();
		assertThat(json.get("currentVersion").isNumber()).isTrue();
		assertThat(json.get("currentVersion").asLong()).isEqualTo(1);
		JsonNode migrations = json.get("migrations");
		assertThat(migrations.isArray()).isTrue();
		assertThat(migrations).hasSize(2);
		JsonNode applied = migrations.get(0);
		assertThat(applied.get("version").isNumber()).isTrue();
		assertThat(applied.get("version").asLong()).isEqualTo(1);
		assertThat(applied.get("description").asString()).isEqualTo("create users");
		assertThat(applied.get("type").asString()).isEqualTo("sql");
		assertThat(applied.get("state").asString()).isEqualTo("applied");
		assertThat(Instant.parse(applied.get("appliedAt").asString())).isBefore(Instant.now().plusSeconds(60));
		assertThat(applied.get("executionTimeMs").isNumber()).isTrue();
		assertThat(applied.get("checksum").asString()).hasSize(64);
		JsonNode pending = migrations.get(1);
		assertThat(pending.get("state").asString()).isEqualTo("pending");
		assertThat(pending.get("appliedAt").isNull()).isTrue();
	}

	@Test
	void statusJsonShowsMissingAndModifiedStates() throws Exception {
		this.fixture.run("up");
		java.nio.file.Files.delete(this.fixture.directory().resolve("00002_create_orders.sql"));
		this.fixture.write("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id bigint);\n");
		JsonNode migrations = this.fixture.run("status", "--json").json().get("migrations");
		assertThat(migrations.findValuesAsString("state")).containsExactly("modified", "missing");
	}

	@Test
	void statusIsAReadableTableOnStdoutWithLogsOnStderr() {
		this.fixture.run("up-by-one");
		CliRun run = this.fixture.run("status");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("Current version: 1")
			.containsPattern("VERSION\\s+DESCRIPTION\\s+TYPE\\s+STATE\\s+APPLIED AT")
			.containsPattern("1\\s+create users\\s+sql\\s+applied\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z")
			.containsPattern("2\\s+create orders\\s+sql\\s+pending\\s+-")
			.contains("1 applied, 1 pending");
	}

	@Test
	void statusBeforeAnythingRanSaysThereIsNoHistoryYet() {
		CliRun run = this.fixture.run("status");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("Current version: 0 (no history table yet)");
	}

	@Test
	void versionPrintsTheCurrentVersionAlone() {
		this.fixture.run("up");
		CliRun run = this.fixture.run("version");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out().trim()).isEqualTo("2");
		assertThat(this.fixture.run("version", "--json").json().get("currentVersion").asLong()).isEqualTo(2);
	}

	@Test
	void validatePassesWhenFilesMatchHistory() {
		this.fixture.run("up");
		CliRun run = this.fixture.run("validate");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("OK");
	}

	@Test
	void validateExitsOneWhenAnAppliedFileChanged() {
		this.fixture.run("up");
		this.fixture.write("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id bigint);\n");
		CliRun run = this.fixture.run("validate", "--json");
		assertThat(run.exitCode()).isEqualTo(1);
		JsonNode json = run.json();
		assertThat(json.get("valid").asBoolean()).isFalse();
		assertThat(json.get("problems").get(0).get("kind").asString()).isEqualTo("checksum_changed");
		assertThat(json.get("problems").get(0).get("version").asLong()).isEqualTo(1);
	}

	@Test
	void checkExitsOneWhilePendingAndZeroWhenUpToDate() {
		CliRun pending = this.fixture.run("check");
		assertThat(pending.exitCode()).as(pending.toString()).isEqualTo(1);
		assertThat(pending.out()).contains("problem(s)");
		this.fixture.run("up");
		CliRun upToDate = this.fixture.run("check");
		assertThat(upToDate.exitCode()).as(upToDate.toString()).isZero();
	}

	@Test
	void optionsWorkBeforeAndAfterTheCommand() {
		this.fixture.run("up");
		CliRun after = CliRun.of("status", "--json", "--url", this.fixture.url(), "--user",
				this.fixture.database().user(), "--password", this.fixture.database().password(), "--dir",
				this.fixture.directory().toString());
		assertThat(after.exitCode()).as(after.toString()).isZero();
		assertThat(after.json().get("currentVersion").asLong()).isEqualTo(2);
		CliRun mixed = CliRun.of("--url", this.fixture.url(), "--user", this.fixture.database().user(), "--password",
				this.fixture.database().password(), "--dir", this.fixture.directory().toString(), "version",
				"--json");
		assertThat(mixed.json().get("currentVersion").asLong()).isEqualTo(2);
	}

	@Test
	void environmentVariablesStandInForMissingOptions() {
		CliRun run = CliRun.of(this.fixture.environment(), "up");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

	@Test
	void optionsWinOverEnvironmentVariables() {
		java.util.Map<String, String> environment = new java.util.HashMap<>(this.fixture.environment());
		environment.put(CliSettings.ENV_DIR, "/does/not/exist");
		CliRun run = CliRun.of(environment, "status", "--json", "--dir", this.fixture.directory().toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.json().get("migrations")).hasSize(2);
	}

	@Test
	void aMissingDirectoryIsAConfigurationError() {
		CliRun run = CliRun.of(this.fixture.environment(), "status", "--dir", "/does/not/exist");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("/does/not/exist");
	}

	@Test
	void tableOptionNamesTheHistoryTable() {
		CliRun run = this.fixture.run("up", "--table", "schema_history");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.tableExists("schema_history")).isTrue();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void schemaOptionPutsTheHistoryTableThere() {
		CliRun run = this.fixture.run("up", "--schema", this.fixture.schema() + "_history", "--lock", "none");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.column("SELECT count(*) FROM " + this.fixture.schema() + "_history.migrator_history"))
			.containsExactly("2");
	}

	@Test
	void lockOptionAcceptsEachStrategy() {
		assertThat(this.fixture.run("up-by-one", "--lock", "advisory").exitCode()).isZero();
		assertThat(this.fixture.run("up-by-one", "--lock", "NONE").exitCode()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

}
