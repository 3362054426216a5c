package io.migrator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --encoding}, {@code --remove-history-row-when-no-down} and {@code --ignore-missing}
 * reach the engine and change what a command does to a real database.
 */
@FreshDatabase
class EngineOptionsTests {

	/** 'Zürich' with ü as the single ISO-8859-1 byte 0xFC, on line 3. */
	private static final byte[] LATIN1_FILE = "-- +goose Up\nCREATE TABLE cities (name text);\nINSERT INTO cities VALUES ('Zürich');\n"
		.getBytes(StandardCharsets.ISO_8859_1);

	private CliFixture fixture;

	@BeforeEach
	void prepare(TestDatabase database, @TempDir Path directory) {
		this.fixture = new CliFixture(database, directory);
	}

	@Test
	void latin1FileAppliedWithEncodingStoresTheRightText() throws IOException {
		writeLatin1File();
		CliRun run = this.fixture.run("up", "--encoding", "ISO-8859-1");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.column("SELECT name FROM cities")).containsExactly("Zürich");
	}

	@Test
	void latin1FileWithoutEncodingIsRefusedNamingFileLineAndOptionBeforeTouchingTheDatabase() throws IOException {
		writeLatin1File();
		CliRun run = this.fixture.run("up");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(Failures.FAILED);
		assertThat(run.err()).contains("00001_cities.sql:3: byte 0xFC at column 30 is not valid UTF-8")
			.contains("--encoding");
		assertThat(this.fixture.tableExists("cities")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void encodingComesFromTheEnvironmentWhenNotGiven() throws IOException {
		writeLatin1File();
		Map<String, String> environment = new HashMap<>(this.fixture.environment());
		environment.put(CliSettings.ENV_ENCODING, "ISO-8859-1");
		CliRun run = CliRun.of(environment, "up");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.column("SELECT name FROM cities")).containsExactly("Zürich");
	}

	@Test
	void encodingOptionWinsOverTheEnvironment() throws IOException {
		writeLatin1File();
		Map<String, String> environment = new HashMap<>(this.fixture.environment());
		environment.put(CliSettings.ENV_ENCODING, "UTF-8");
		CliRun run = CliRun.of(environment, "--encoding", "ISO-8859-1", "up");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.column("SELECT name FROM cities")).containsExactly("Zürich");
	}

	@Test
	void validateWithoutDatabaseReadsTheFilesInTheGivenEncoding() throws IOException {
		writeLatin1File();
		String dir = this.fixture.directory().toString();
		CliRun refused = CliRun.of("validate", "--dir", dir);
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(Failures.FAILED);
		assertThat(refused.all()).contains("00001_cities.sql:3").contains("not valid UTF-8");
		CliRun accepted = CliRun.of("validate", "--dir", dir, "--encoding", "iso-8859-1");
		assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
	}

	@Test
	void unknownEncodingIsAUsageErrorAndChangesNothing() throws IOException {
		writeLatin1File();
		CliRun run = this.fixture.run("up", "--encoding", "latin-9x");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(Failures.USAGE);
		assertThat(run.err()).contains("--encoding is 'latin-9x', which this Java runtime does not know as an "
				+ "encoding: use a name such as UTF-8, ISO-8859-1 or windows-1252.")
			.contains("Run 'migrator up --help' for usage.");
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void unknownEncodingIsAUsageErrorInJsonToo() {
		CliRun run = this.fixture.run("status", "--json", "--encoding", "no such charset");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(Failures.USAGE);
		assertThat(run.json().at("/error/code").asString()).isEqualTo("USAGE");
		assertThat(run.json().at("/error/message").asString()).contains("'no such charset'");
	}

	@Test
	void unknownEncodingInTheEnvironmentIsAConfigurationErrorNamingTheVariable() {
		Map<String, String> environment = new HashMap<>(this.fixture.environment());
		environment.put(CliSettings.ENV_ENCODING, "latin-9x");
		CliRun run = CliRun.of(environment, "status");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(Failures.USAGE);
		assertThat(run.err()).contains("MIGRATOR_ENCODING is 'latin-9x', which this Java runtime does not know");
	}

	@Test
	void downOfAMigrationWithoutDownPartIsRefusedUnlessOnlyItsHistoryRowMayGo() {
		this.fixture.write("00001_create_notes.sql", "-- +goose Up\nCREATE TABLE notes (id int);\n");
		assertThat(this.fixture.run("up").exitCode()).isZero();
		CliRun refused = this.fixture.run("down");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(Failures.FAILED);
		assertThat(refused.err()).contains("Cannot down version 1").contains("--remove-history-row-when-no-down");
		assertThat(this.fixture.appliedVersions()).containsExactly("1");

		CliRun removed = this.fixture.run("down", "--remove-history-row-when-no-down");
		assertThat(removed.exitCode()).as(removed.toString()).isZero();
		assertThat(removed.out()).contains("history row removed (no down part: its changes stay)");
		assertThat(this.fixture.appliedVersions()).isEmpty();
		assertThat(this.fixture.tableExists("notes")).as("its changes stay").isTrue();
	}

	@Test
	void historyRowOptionWorksBeforeTheCommandAndInGooseForm() {
		this.fixture.write("00001_create_notes.sql", "-- +goose Up\nCREATE TABLE notes (id int);\n");
		this.fixture.write("00002_create_tags.sql", "-- +goose Up\nCREATE TABLE tags (id int);\n");
		assertThat(this.fixture.run("up").exitCode()).isZero();
		CliRun before = this.fixture.run("--remove-history-row-when-no-down", "down-to", "1", "--json");
		assertThat(before.exitCode()).as(before.toString()).isZero();
		assertThat(before.json().at("/migrations/0/outcome").asString()).isEqualTo("history_row_removed");
		assertThat(this.fixture.appliedVersions()).containsExactly("1");

		List<String> goose = new ArrayList<>(List.of("--remove-history-row-when-no-down", "postgres",
				this.fixture.url(), "reset", "--user", this.fixture.database().user(), "--dir",
				this.fixture.directory().toString()));
		if (!this.fixture.database().password().isEmpty()) {
			goose.addAll(List.of("--password", this.fixture.database().password()));
		}
		CliRun gooseForm = CliRun.of(goose.toArray(String[]::new));
		assertThat(gooseForm.exitCode()).as(gooseForm.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).isEmpty();
		assertThat(this.fixture.tableExists("notes")).isTrue();
		assertThat(this.fixture.tableExists("tags")).isTrue();
	}

	@Test
	void appliedVersionWithoutFileFailsValidationUnlessIgnored() throws IOException {
		this.fixture.table("00001", "users").table("00002", "orders");
		assertThat(this.fixture.run("up").exitCode()).isZero();
		Files.delete(this.fixture.directory().resolve("00002_create_orders.sql"));

		CliRun validate = this.fixture.run("validate");
		assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(Failures.FAILED);
		assertThat(validate.all()).contains("--ignore-missing");
		CliRun check = this.fixture.run("check");
		assertThat(check.exitCode()).as(check.toString()).isEqualTo(Failures.FAILED);

		CliRun ignored = this.fixture.run("validate", "--ignore-missing");
		assertThat(ignored.exitCode()).as(ignored.toString()).isZero();
		CliRun checked = this.fixture.run("--ignore-missing", "check");
		assertThat(checked.exitCode()).as(checked.toString()).isZero();
		CliRun status = this.fixture.run("status", "--json");
		assertThat(status.json().at("/migrations/1/state").asString()).as("still reported").isEqualTo("missing");
	}

	@Test
	void eachCommandsHelpListsTheNewOptionsOnlyWhereTheyDoSomething() {
		assertThat(CliRun.of("down", "--help").out()).contains("--remove-history-row-when-no-down", "--encoding")
			.doesNotContain("--ignore-missing");
		assertThat(CliRun.of("reset", "--help").out()).contains("--remove-history-row-when-no-down");
		assertThat(CliRun.of("redo", "--help").out()).doesNotContain("--remove-history-row-when-no-down");
		assertThat(CliRun.of("up", "--help").out()).contains("--encoding")
			.doesNotContain("--remove-history-row-when-no-down", "--ignore-missing");
		assertThat(CliRun.of("check", "--help").out()).contains("--ignore-missing", "--encoding");
		assertThat(CliRun.of("create", "--help").out()).doesNotContain("--encoding", "--ignore-missing");
		assertThat(CliRun.of("--help").out()).contains("--encoding", "--ignore-missing",
				"--remove-history-row-when-no-down", "$MIGRATOR_ENCODING");
	}

	@Test
	void completionOffersTheNewOptionsAndCommonEncodings() {
		String script = CliRun.of("completion", "bash").out();
		assertThat(script).contains("--remove-history-row-when-no-down", "--ignore-missing", "--encoding")
			.contains("windows-1252");
	}

	private void writeLatin1File() throws IOException {
		Files.write(this.fixture.directory().resolve("00001_cities.sql"), LATIN1_FILE);
	}

}
