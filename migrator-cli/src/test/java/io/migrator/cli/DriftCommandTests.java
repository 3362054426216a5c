package io.migrator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import io.migrator.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@FreshDatabase
class DriftCommandTests {

	private CliFixture fixture;

	@BeforeEach
	void prepare(TestDatabase database, @TempDir Path directory) {
		this.fixture = new CliFixture(database, directory).table("00001", "users").table("00002", "orders");
		this.fixture.run("up");
	}

	@Test
	void exitsZeroAndSaysSoWhenNothingDiffers() {
		CliRun run = this.fixture.run("drift");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		String schema = this.fixture.schema();
		assertThat(run.out()).containsPattern("No drift: schema " + schema + " matches its 2 applied migrations "
				+ "\\(replayed into schema " + schema + "_migrator_drift_[0-9a-f]{8} in the migrated database, dropped "
				+ "again; \\d+ ms\\)\\.")
			.contains("Note: Extensions were not compared");
		assertThat(this.fixture.column("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '%migrator_drift%'"))
			.containsExactly("0");
	}

	@Test
	void exitsOneAndListsWhatWasChangedByHand() {
		this.fixture.execute("ALTER TABLE orders ADD COLUMN note text", "CREATE INDEX users_id ON users (id)",
				"DROP TABLE users CASCADE");
		CliRun run = this.fixture.run("drift");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.out()).contains(" differs from its 2 applied migrations in 3 objects ")
			.contains("""
					  (+ only in the live schema, - missing from it, ~ changed)
					- table users
					+ column orders.note: text
					- column users.id: integer
					""");
	}

	@Test
	void jsonFollowsTheContract() {
		this.fixture.execute("ALTER TABLE orders ALTER id SET DEFAULT 7");
		CliRun run = this.fixture.run("drift", "--json");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		JsonNode json = run.json();
		assertThat(names(json)).containsExactly("formatVersion", "liveSchema", "scratch", "drift", "replayedVersions",
				"skippedVersions", "differences", "notes", "durationMs");
		assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
		assertThat(json.get("drift").asBoolean()).isTrue();
		assertThat(json.get("replayedVersions").toString()).isEqualTo("[1,2]");
		JsonNode difference = json.get("differences").get(0);
		assertThat(names(difference)).containsExactly("kind", "name", "change", "expected", "actual");
		assertThat(difference.toString()).isEqualTo("{\"kind\":\"column\",\"name\":\"orders.id\",\"change\":\"changed\","
				+ "\"expected\":\"integer\",\"actual\":\"integer default 7\"}");
	}

	@Test
	void aScratchDatabaseTakesTheReplay() {
		try (TestDatabase scratch = TestPostgres.get().createDatabase("cli_drift_scratch")) {
			CliRun run = this.fixture.run("drift", "--scratch-url", scratch.jdbcUrl(), "--json");
			assertThat(run.exitCode()).as(run.toString()).isZero();
			assertThat(run.json().get("scratch").asString()).endsWith(" in the scratch database");
			assertThat(run.json().get("notes").toString()).isEqualTo("[]");
		}
	}

	@Test
	void aScratchUrlThatIsNoUrlIsAConfigurationError() {
		CliRun run = this.fixture.run("drift", "--scratch-url", "not a url");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		assertThat(run.err()).contains("--url must be a JDBC URL");
	}

	private static List<String> names(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

}
