package io.migrator.core;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MigratorDownTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@BeforeEach
	void writeFirstMigrations() {
		this.fixture.write("00001_create_users.sql", """
				-- +goose Up
				CREATE TABLE users (id int PRIMARY KEY, name text);
				-- +goose Down
				DROP TABLE users;
				""");
		this.fixture.write("00002_add_email.sql", """
				-- +goose Up
				ALTER TABLE users ADD COLUMN email text;
				-- +goose StatementBegin
				CREATE FUNCTION normalize_email() RETURNS trigger AS $$
				BEGIN
				  NEW.email := lower(NEW.email);
				  RETURN NEW;
				END;
				$$ LANGUAGE plpgsql;
				-- +goose StatementEnd
				CREATE TRIGGER users_email BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION normalize_email();
				-- +goose Down
				DROP TRIGGER users_email ON users;
				DROP FUNCTION normalize_email();
				ALTER TABLE users DROP COLUMN email;
				""");
		this.fixture.write("20260427034355_create_orders.sql", """
				-- +goose Up
				CREATE TABLE orders (id int, user_id int REFERENCES users);
				CREATE INDEX orders_user ON orders (user_id);
				-- +goose Down
				DROP TABLE orders;
				""");
	}

	@Test
	void upAllThenDownAllLeavesTheStartingSchema() {
		List<String> before = this.fixture.schemaShape();
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		assertThat(this.fixture.schemaShape()).isNotEqualTo(before);
		RunResult reset = migrator.reset();
		assertThat(reset.migrations()).extracting(MigrationResult::version)
			.containsExactly(20260427034355L, 2L, 1L);
		assertThat(reset.migrations()).extracting(MigrationResult::direction).containsOnly(Direction.DOWN);
		assertThat(reset.versionAfter()).isZero();
		assertThat(this.fixture.schemaShape()).isEqualTo(before);
		assertThat(this.fixture.history()).isEmpty();
	}

	@Test
	void downUndoesTheLatestAndDownToStopsAboveTheTarget() {
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		assertThat(migrator.down().migrations()).extracting(MigrationResult::version).containsExactly(20260427034355L);
		assertThat(this.fixture.tableExists("orders")).isFalse();
		migrator.up();
		assertThat(migrator.downTo(1).migrations()).extracting(MigrationResult::version)
			.containsExactly(20260427034355L, 2L);
		assertThat(migrator.version()).isEqualTo(1);
	}

	@Test
	void redoUndoesAndReappliesTheLatest() {
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		this.fixture.execute("INSERT INTO users (id, name) VALUES (1, 'x')");
		this.fixture.execute("INSERT INTO orders VALUES (1, 1)");
		RunResult redo = migrator.redo();
		assertThat(redo.migrations()).extracting(MigrationResult::direction).containsExactly(Direction.DOWN,
				Direction.UP);
		assertThat(this.fixture.query("SELECT count(*) FROM orders")).containsExactly("0");
		assertThat(this.fixture.history()).hasSize(3);
	}

	@Test
	void aRedoWhoseUpFailsSaysTheVersionStaysUndoneNotApplied() {
		this.fixture.write("20260501000000_count_runs.sql", """
				-- +goose Up
				CREATE TABLE runs (n int UNIQUE);
				INSERT INTO runs VALUES (1);
				-- +goose Down
				SELECT 1;
				""");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class, migrator::redo);
		assertThat(failed.getMessage()).contains("Version(s) [20260501000000] before it in this run succeeded and "
				+ "stay undone.")
			.doesNotContain("stay applied");
		assertThat(this.fixture.history()).hasSize(3);
		assertThat(migrator.version()).isEqualTo(20260427034355L);
	}

	@Test
	void gooseFileWithoutDownSectionOnlyRemovesTheHistoryRowWhenAllowed() {
		this.fixture.write("20260501000000_seed.sql", "-- +goose Up\nINSERT INTO users (id, name) VALUES (7, 'x');\n");
		Migrator migrator = this.fixture.builder().removeHistoryRowWhenNoDown(true).build();
		migrator.up();
		migrator.down();
		assertThat(this.fixture.query("SELECT count(*) FROM users")).containsExactly("1");
		assertThat(migrator.version()).isEqualTo(20260427034355L);
	}

	@Test
	void undoingAVersionWithoutSourceFailsNamingIt() throws Exception {
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		this.fixture.delete("20260427034355_create_orders.sql");
		MigratorException failure = catchThrowableOfType(MigratorException.class, () -> this.fixture.migrator().down());
		assertThat(failure.getMessage()).contains("Cannot undo version 20260427034355", "create orders");
	}

	@Test
	void failingDownRollsBackAndKeepsTheVersionApplied() {
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		this.fixture.execute("CREATE VIEW user_emails AS SELECT email FROM users");
		migrator.down();
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, migrator::down);
		assertThat(failure.getMessage()).contains("Migration 2 (add email) failed to undo", "statement 3");
		assertThat(migrator.version()).isEqualTo(2);
		assertThat(this.fixture.query("SELECT count(*) FROM pg_trigger WHERE tgname = 'users_email'"))
			.containsExactly("1");
	}

}
