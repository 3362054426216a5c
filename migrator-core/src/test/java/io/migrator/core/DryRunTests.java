package io.migrator.core;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class DryRunTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void triesEveryPendingMigrationAndLeavesTheDatabaseUnchanged() {
		this.fixture.write("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id int, email text);\n");
		this.fixture.write("00002_seed.sql", "-- +goose Up\nINSERT INTO users VALUES (1, 'a');\n");
		this.fixture.write("00003_broken.sql", "-- +goose Up\nSELECT 1;\nINSERT INTO nowhere VALUES (1);\n");
		this.fixture.write("00004_index.sql",
				"-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n");
		this.fixture.write("00005_more.sql", "-- +goose Up\nALTER TABLE users ADD COLUMN name text;\n");
		RunResult result = this.fixture.migrator().dryRun();
		assertThat(result.operation()).isEqualTo("dry-run");
		assertThat(result.migrations()).extracting(MigrationResult::version, MigrationResult::outcome)
			.containsExactly(tuple(1L, Outcome.VERIFIED), tuple(2L, Outcome.VERIFIED), tuple(3L, Outcome.FAILED),
					tuple(4L, Outcome.NOT_VERIFIABLE), tuple(5L, Outcome.VERIFIED));
		assertThat(result.migrations().get(2).error()).contains("00003_broken.sql, statement 2 at line 3", "nowhere");
		assertThat(this.fixture.tableExists("users")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void onlyTriesWhatIsPending() {
		this.fixture.write("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		this.fixture.write("00002_seed.sql", "-- +goose Up\nINSERT INTO users VALUES (1);\n");
		assertThat(migrator.dryRun().migrations()).extracting(MigrationResult::version).containsExactly(2L);
		assertThat(this.fixture.query("SELECT count(*) FROM users")).containsExactly("0");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

}
