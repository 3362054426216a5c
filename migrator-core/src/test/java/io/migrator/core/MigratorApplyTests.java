package io.migrator.core;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class MigratorApplyTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void appliesPendingMigrationsInVersionOrderAndRecordsEach() {
		this.fixture.write("00002_add_email.sql", """
				-- +goose Up
				ALTER TABLE users ADD COLUMN email text;
				-- +goose Down
				ALTER TABLE users DROP COLUMN email;
				""");
		this.fixture.write("00001_create_users.sql", """
				-- +goose Up
				CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);
				INSERT INTO users VALUES (1, 'it''s; fine -- really');
				-- +goose Down
				DROP TABLE users;
				""");
		RunResult result = this.fixture.migrator().up();
		assertThat(result.migrations()).extracting(MigrationResult::version).containsExactly(1L, 2L);
		assertThat(result.migrations()).extracting(MigrationResult::outcome).containsOnly(Outcome.SUCCEEDED);
		assertThat(result.versionBefore()).isZero();
		assertThat(result.versionAfter()).isEqualTo(2);
		assertThat(this.fixture.query("SELECT name FROM users")).containsExactly("it's; fine -- really");
		assertThat(this.fixture.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'users' "
				+ "AND column_name = 'email'")).hasSize(1);
		assertThat(this.fixture.query("SELECT version, description, type, state, length(checksum), applied_by "
				+ "FROM migrator_history ORDER BY version"))
			.containsExactly("1|create users|sql|applied|64|postgres", "2|add email|sql|applied|64|postgres");
	}

	@Test
	void runWithNothingPendingChangesNothing() {
		this.fixture.write("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		List<String> history = this.fixture.query("SELECT version, applied_at FROM migrator_history");
		RunResult second = migrator.up();
		assertThat(second.migrations()).isEmpty();
		assertThat(second.versionBefore()).isEqualTo(1);
		assertThat(second.versionAfter()).isEqualTo(1);
		assertThat(this.fixture.query("SELECT version, applied_at FROM migrator_history")).isEqualTo(history);
	}

	@Test
	void emptyLocationWithoutHistoryTableCreatesNothing() {
		RunResult result = this.fixture.migrator().up();
		assertThat(result.migrations()).isEmpty();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void upByOneAppliesOnlyTheNextVersionAndUpToStopsAtTheTarget() {
		for (int version = 1; version <= 4; version++) {
			this.fixture.write("0000" + version + "_t" + version + ".sql",
					"-- +goose Up\nCREATE TABLE t" + version + " (id int);\n");
		}
		Migrator migrator = this.fixture.migrator();
		assertThat(migrator.upByOne().migrations()).extracting(MigrationResult::version).containsExactly(1L);
		assertThat(migrator.upTo(3).migrations()).extracting(MigrationResult::version).containsExactly(2L, 3L);
		assertThat(migrator.version()).isEqualTo(3);
		assertThat(migrator.up().migrations()).extracting(MigrationResult::version).containsExactly(4L);
	}

	@Test
	void interleavesJavaAndSqlMigrationsFromOneClasspathLocationInVersionOrder() {
		Migrator migrator = this.fixture.builder().locations("classpath:io/migrator/core/testmigrations").build();
		RunResult result = migrator.up();
		assertThat(result.migrations()).extracting(MigrationResult::version, MigrationResult::type)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, MigrationType.SQL),
					org.assertj.core.groups.Tuple.tuple(2L, MigrationType.JAVA),
					org.assertj.core.groups.Tuple.tuple(3L, MigrationType.SQL));
		assertThat(this.fixture.query("SELECT code || '=' || name FROM countries ORDER BY code"))
			.containsExactly("DE=Germany", "FR=France");
		assertThat(this.fixture.query("SELECT count(*) FROM cities")).containsExactly("0");
		assertThat(this.fixture.query("SELECT description FROM migrator_history WHERE version = 2"))
			.containsExactly("seed countries");
	}

	@Test
	void explicitJavaMigrationObjectsAreAppliedWithSqlFiles() {
		this.fixture.write("00001_create_flags.sql", "-- +goose Up\nCREATE TABLE flags (name text);\n");
		JavaMigration seed = new JavaMigration() {

			@Override
			public void up(MigrationContext context) throws Exception {
				try (var statement = context.connection().createStatement()) {
					statement.execute("INSERT INTO flags VALUES ('dark-mode')");
				}
			}

			@Override
			public long version() {
				return 2;
			}

			@Override
			public String description() {
				return "seed flags";
			}

		};
		this.fixture.builder().javaMigrations(seed).build().up();
		assertThat(this.fixture.query("SELECT name FROM flags")).containsExactly("dark-mode");
		assertThat(this.fixture.query("SELECT type FROM migrator_history WHERE version = 2")).containsExactly("java");
	}

	@Test
	void pairedUpAndDownFilesAreOneMigration() {
		this.fixture.write("1_create_items.up.sql", "CREATE TABLE items (id int);\n");
		this.fixture.write("1_create_items.down.sql", "DROP TABLE items;\n");
		this.fixture.write("2_create_tags.up.sql", "CREATE TABLE tags (id int);\n");
		this.fixture.write("2_create_tags.down.sql", "DROP TABLE tags;\n");
		Migrator migrator = this.fixture.migrator();
		assertThat(migrator.up().migrations()).hasSize(2);
		assertThat(this.fixture.tableExists("items")).isTrue();
		migrator.downTo(0);
		assertThat(this.fixture.tableExists("items")).isFalse();
		assertThat(this.fixture.tableExists("tags")).isFalse();
		assertThat(this.fixture.query("SELECT count(*) FROM migrator_history")).containsExactly("0");
	}

	@Test
	void substitutesConfiguredVariablesInEnvsubFiles() {
		this.fixture.write("00001_greeting.sql", """
				-- +goose ENVSUB ON
				-- +goose Up
				CREATE TABLE greeting AS SELECT '${GREETING}'::text AS text, $$ok$$::text AS kept;
				""");
		this.fixture.builder().variable("GREETING", "hello").build().up();
		assertThat(this.fixture.query("SELECT text || ',' || kept FROM greeting")).containsExactly("hello,ok");
	}

	@Test
	void createsTheHistoryTableInTheConfiguredSchema() {
		this.fixture.write("00001_t.sql", "-- +goose Up\nCREATE TABLE t (id int);\n");
		this.fixture.builder().schema("migrations").table("applied").build().up();
		assertThat(this.fixture.query("SELECT version FROM migrations.applied")).containsExactly("1");
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void statementsKeepTheirTextIncludingFunctionBodies() {
		this.fixture.write("00001_fn.sql", """
				-- +goose Up
				CREATE FUNCTION twice(x int) RETURNS int AS $$
				BEGIN
				  -- a comment; with a semicolon
				  RETURN x * 2;
				END;
				$$ LANGUAGE plpgsql;
				-- +goose StatementBegin
				CREATE FUNCTION thrice(x int) RETURNS int AS $body$
				BEGIN
				  RETURN x * 3;
				END;
				$body$ LANGUAGE plpgsql;
				-- +goose StatementEnd
				""");
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT twice(2) + thrice(1)")).containsExactly("7");
		assertThat(this.fixture.query("SELECT prosrc FROM pg_proc WHERE proname = 'twice'").get(0))
			.contains("-- a comment; with a semicolon");
	}

}
