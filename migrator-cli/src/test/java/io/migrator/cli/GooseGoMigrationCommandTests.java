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
class GooseGoMigrationCommandTests {

	private CliFixture fixture;

	@BeforeEach
	void prepare(TestDatabase database, @TempDir Path directory) {
		this.fixture = new CliFixture(database, directory);
		this.fixture.table("00001", "users").write("00002_backfill_users.go", "package migrations\n");
	}

	@Test
	void statusListsAGooseGoMigrationAsTypeGo() {
		CliRun run = this.fixture.run("status", "--json");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		JsonNode go = run.json().get("migrations").get(1);
		assertThat(go.get("version").asLong()).isEqualTo(2);
		assertThat(go.get("type").asString()).isEqualTo("go");
		assertThat(go.get("state").asString()).isEqualTo("pending");
		assertThat(this.fixture.run("status").out()).containsPattern("2 +backfill users +go +pending");
	}

	@Test
	void upExitsOneBeforeRunningAnythingNamingTheGoFileAndWhatToDo() {
		CliRun run = this.fixture.run("up");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains("00002_backfill_users.go", "goose Go migration",
				"Port it to a Java migration with the same version");
		assertThat(this.fixture.tableExists("users")).isFalse();
	}

}
