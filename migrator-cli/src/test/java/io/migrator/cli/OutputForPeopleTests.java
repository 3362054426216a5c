package io.migrator.cli;

import java.nio.file.Path;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text output a person reads once: one line per migration, quiet when asked, errors kept
 * with their migration, help and suggestions that fit the command.
 */
@FreshDatabase
class OutputForPeopleTests {

	private CliFixture fixture;

	@BeforeEach
	void prepare(TestDatabase database, @TempDir Path directory) {
		this.fixture = new CliFixture(database, directory);
		this.fixture.table("00001", "users");
		this.fixture.write("00002_add_orders.up.sql", "CREATE TABLE orders (id int);\n");
		this.fixture.write("00002_add_orders.down.sql", "DROP TABLE orders;\n");
	}

	@Test
	void downNamesTheDownFileItRan() {
		this.fixture.run("up");
		CliRun run = this.fixture.run("down");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).startsWith("undone 00002_add_orders.down.sql (");
	}

	@Test
	void quietPrintsNothingOnSuccess() {
		CliRun run = this.fixture.run("up", "--quiet");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).isEmpty();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

	@Test
	void quietStillPrintsErrorsAndWhatTheCommandIsFor() {
		this.fixture.write("00003_broken.sql", "-- +goose Up\nSELECT * FROM nope;\n");
		CliRun failed = this.fixture.run("up", "-q");
		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(failed.out()).isEmpty();
		assertThat(failed.err()).contains("00003_broken.sql");
		assertThat(this.fixture.run("version", "--quiet").out().trim()).isEqualTo("2");
	}

	@Test
	void multiLineDatabaseErrorStaysWithItsMigration() {
		this.fixture.write("00003_explain.sql", """
				-- +goose Up
				-- +goose StatementBegin
				DO $$ BEGIN RAISE EXCEPTION 'first line' USING DETAIL = E'second line\\nthird line'; END $$;
				-- +goose StatementEnd
				""");
		CliRun run = this.fixture.run("up");
		assertThat(run.exitCode()).isEqualTo(1);
		String[] lines = run.out().split("\n");
		assertThat(lines[2]).startsWith("FAILED 00003_explain.sql (").contains("first line");
		for (int i = 3; i < lines.length - 1; i++) {
			assertThat(lines[i]).as("continuation of the error").startsWith("    ");
		}
		assertThat(lines[lines.length - 1]).startsWith("up: 3 migration(s), 1 failed");
	}

	@Test
	void outputHasNoDoubleSpaces() {
		this.fixture.write("00003_broken.sql", "-- +goose Up\nSELECT * FROM nope;\n");
		CliRun up = this.fixture.run("up");
		assertThat(up.out().strip().replace("\n    ", "\n")).doesNotContain("  ");
		// The driver indents the lines of a server message ("  Position: 15"); between words, one space.
		assertThat(up.err()).contains("before it in this run succeeded").doesNotContainPattern("\\S  ");
		CliRun down = this.fixture.run("reset");
		assertThat(down.out()).doesNotContain("  ");
	}

	@Test
	void typoGetsASuggestion() {
		CliRun run = CliRun.of("stauts");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Did you mean: migrator status?");
	}

	@Test
	void eachCommandsHelpListsOnlyItsOptions() {
		String create = CliRun.of("create", "--help").out();
		assertThat(create).contains("--dir", "--sequential").doesNotContain("--url", "--lock", "--allow-out-of-order");
		String down = CliRun.of("down", "--help").out();
		assertThat(down).contains("--url", "--dir", "--classpath").doesNotContain("--allow-out-of-order");
		String version = CliRun.of("version", "--help").out();
		assertThat(version).contains("--url").doesNotContain("--dir", "--classpath");
		String up = CliRun.of("up", "--help").out();
		assertThat(up).contains("--url", "--dir", "--allow-out-of-order", "--json", "--quiet");
	}

	@Test
	void rootHelpDescribesEveryCommandAndVersionNeedsNone() {
		// Only the root's help and completion build every command's model; --version none.
		for (String help : new String[] { "--help", "-h" }) {
			CliRun run = CliRun.of(help);
			assertThat(run.exitCode()).as(run.toString()).isZero();
			assertThat(run.out()).contains("up-by-one   Apply the next pending migration only.",
					"status      List every version with its state", "completion");
		}
		CliRun version = CliRun.of("--version");
		assertThat(version.exitCode()).isZero();
		assertThat(version.out()).startsWith("migrator ");
		assertThat(CliRun.of("--url", "jdbc:postgresql://127.0.0.1:1/x").err()).contains("no command given. Commands: "
				+ "up up-by-one up-to down down-to redo reset status version validate check drift dry-run baseline "
				+ "repair adopt create fix completion.");
	}

	@Test
	void completionScriptsAreWritten() {
		CliRun bash = CliRun.of("completion", "bash");
		assertThat(bash.exitCode()).as(bash.toString()).isZero();
		assertThat(bash.out()).contains("complete -F", "up-by-one", "dry-run");
		CliRun zsh = CliRun.of("completion", "zsh");
		assertThat(zsh.out()).startsWith("autoload -U +X compinit").contains("bashcompinit");
	}

}
