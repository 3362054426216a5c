package io.migrator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON contract the README documents: one document on stdout, {@code formatVersion}
 * first, the documented keys for each command, errors (usage ones too) as JSON.
 */
@FreshDatabase
class JsonContractTests {

	private static final List<String> RUN_KEYS = List.of("formatVersion", "operation", "versionBefore", "versionAfter",
			"durationMs", "migrations", "error");

	private static final List<String> RUN_MIGRATION_KEYS = List.of("version", "description", "type", "direction",
			"outcome", "source", "durationMs", "error");

	private CliFixture fixture;

	@BeforeEach
	void prepare(TestDatabase database, @TempDir Path directory) {
		this.fixture = new CliFixture(database, directory).table("00001", "users").table("00002", "orders");
	}

	@Test
	void everyCommandWritesItsDocumentedKeys() {
		assertKeys(this.fixture.run("up-by-one", "--json"), RUN_KEYS);
		assertThat(keys(this.fixture.run("up", "--json").json().get("migrations").get(0))).isEqualTo(RUN_MIGRATION_KEYS);
		JsonNode status = assertKeys(this.fixture.run("status", "--json"), List.of("formatVersion", "currentVersion",
				"historyTableExists", "migrations", "managedBy", "javaSources"));
		assertThat(keys(status.get("migrations").get(0))).isEqualTo(List.of("version", "description", "type", "state",
				"source", "appliedAt", "executionTimeMs", "checksum"));
		assertKeys(this.fixture.run("version", "--json"), List.of("formatVersion", "currentVersion"));
		JsonNode check = assertKeys(this.fixture.run("check", "--json"), List.of("formatVersion", "valid", "problems"));
		assertThat(check.get("valid").asBoolean()).isTrue();
		assertKeys(this.fixture.run("validate", "--json"), List.of("formatVersion", "valid", "problems"));
		assertKeys(this.fixture.run("down", "--json"), RUN_KEYS);
		assertKeys(this.fixture.run("dry-run", "--json"), RUN_KEYS);
		assertKeys(this.fixture.run("create", "next", "--sequential", "--json"), List.of("formatVersion", "created"));
		assertKeys(this.fixture.run("fix", "--json"), List.of("formatVersion", "renamed"));
	}

	@Test
	void usageAndConfigurationErrorsAreJsonToo() {
		for (List<String> args : List.of(List.of("status", "--json", "--lock", "sometimes"),
				List.of("--json", "up-to", "latest"), List.of("--json", "stauts"), List.of("--json"))) {
			CliRun run = CliRun.of(args.toArray(String[]::new));
			assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
			JsonNode error = assertKeys(run, List.of("formatVersion", "error")).get("error");
			assertThat(error.get("code").asString()).isEqualTo("USAGE");
			assertThat(error.get("exitCode").asInt()).isEqualTo(2);
		}
		CliRun configuration = CliRun.of(Map.of(), "status", "--json");
		assertThat(assertKeys(configuration, List.of("formatVersion", "error")).get("error").get("code").asString())
			.isEqualTo("INVALID_CONFIGURATION");
	}

	@Test
	void versionIsAJsonDocumentWithJsonButHelpStaysText() {
		for (List<String> args : List.of(List.of("--version", "--json"), List.of("--json", "-V"),
				List.of("status", "--version", "--json"))) {
			CliRun run = CliRun.of(args.toArray(String[]::new));
			assertThat(run.exitCode()).as(run.toString()).isZero();
			assertThat(run.out().strip().lines()).hasSize(1);
			assertThat(assertKeys(run, List.of("formatVersion", "version")).get("version").asString()).isNotBlank();
		}
		CliRun helpWins = CliRun.of("--json", "--version", "--help");
		assertThat(helpWins.exitCode()).isZero();
		assertThat(helpWins.out()).startsWith("Usage: migrator");
	}

	@Test
	void stdoutIsOneJsonDocumentEvenWhenAMigrationFails() {
		this.fixture.write("00003_broken.sql", "-- +goose Up\nSELECT * FROM nope;\n");
		CliRun run = this.fixture.run("up", "--json", "--verbose");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.out().strip().lines()).hasSize(1);
		assertThat(assertKeys(run, RUN_KEYS).get("error").get("code").asString()).isEqualTo("MIGRATION_FAILED");
	}

	private static JsonNode assertKeys(CliRun run, List<String> expected) {
		JsonNode json = run.json();
		assertThat(keys(json)).as(run.toString()).isEqualTo(expected);
		assertThat(json.get("formatVersion").asInt()).isEqualTo(Console.JSON_FORMAT_VERSION);
		return json;
	}

	private static List<String> keys(JsonNode node) {
		List<String> keys = new ArrayList<>();
		node.propertyNames().forEach(keys::add);
		return keys;
	}

}
