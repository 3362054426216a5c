package io.migrator.core;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MigratorFailureTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void failingStatementIsReportedPreciselyAndLeavesNothingOfItsMigration() {
		this.fixture.write("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n");
		this.fixture.write("00002_broken.sql", """
				-- +goose Up
				CREATE TABLE audit (id int);

				INSERT INTO audit VALUES (1);
				INSERT INTO missing_table
				  VALUES (1);
				CREATE TABLE after_failure (id int);
				""");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());
		MigrationFailedException.FailureLocation location = failure.getLocation();
		assertThat(location.version()).isEqualTo(2);
		assertThat(location.source()).endsWith("00002_broken.sql");
		assertThat(location.statementNumber()).isEqualTo(3);
		assertThat(location.line()).isEqualTo(5);
		assertThat(location.sqlState()).isEqualTo("42P01");
		assertThat(location.databaseMessage()).contains("missing_table");
		assertThat(failure.getMessage()).contains("Migration 2 (broken) failed to apply", "00002_broken.sql",
				"statement 3 at line 5", "42P01", "nothing of version 2 changed");
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.MIGRATION_FAILED);
		assertThat(failure.getPartialResult().migrations()).extracting(MigrationResult::version, MigrationResult::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, Outcome.SUCCEEDED),
					org.assertj.core.groups.Tuple.tuple(2L, Outcome.FAILED));
		assertThat(failure.getPartialResult().versionAfter()).isEqualTo(1);
		assertThat(this.fixture.tableExists("users")).isTrue();
		assertThat(this.fixture.tableExists("audit")).isFalse();
		assertThat(this.fixture.tableExists("after_failure")).isFalse();
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void failingJavaMigrationRollsBackItsWork() {
		this.fixture.write("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n");
		JavaMigration failing = new JavaMigration() {

			@Override
			public void up(MigrationContext context) throws Exception {
				try (var statement = context.connection().createStatement()) {
					statement.execute("INSERT INTO users VALUES (1)");
				}
				throw new IllegalStateException("reference data service unavailable");
			}

			@Override
			public long version() {
				return 2;
			}

			@Override
			public String description() {
				return "seed users";
			}

		};
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.builder().javaMigrations(failing).build().up());
		assertThat(failure.getMessage()).contains("Migration 2 (seed users)", "reference data service unavailable");
		assertThat(this.fixture.query("SELECT count(*) FROM users")).containsExactly("0");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void malformedPendingFileFailsBeforeAnythingTouchesTheDatabase() {
		this.fixture.write("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n");
		this.fixture.write("00002_unterminated.sql", "-- +goose Up\nINSERT INTO users VALUES (1);\nSELECT 'oops;\n");
		InvalidSourceException failure = catchThrowableOfType(InvalidSourceException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getSource()).endsWith("00002_unterminated.sql");
		assertThat(failure.getLine()).isEqualTo(3);
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
		assertThat(this.fixture.tableExists("users")).isFalse();
	}

	@Test
	void twoFilesWithOneVersionFailNamingBoth() {
		this.fixture.write("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n");
		this.fixture.write("001_create_people.sql", "-- +goose Up\nCREATE TABLE people (id int);\n");
		MigratorException failure = catchThrowableOfType(MigratorException.class, () -> this.fixture.migrator().up());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.DUPLICATE_VERSION);
		assertThat(failure.getMessage()).contains("version 1", "00001_create_users.sql", "001_create_people.sql");
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void sqlFileWhoseNameDoesNotParseFailsNamingIt() {
		this.fixture.write("create_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n");
		InvalidSourceException failure = catchThrowableOfType(InvalidSourceException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getMessage()).contains("create_users.sql", "<version>_<description>.sql");
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void orphanDownFileFails() {
		this.fixture.write("3_drop_things.down.sql", "DROP TABLE things;\n");
		InvalidSourceException failure = catchThrowableOfType(InvalidSourceException.class,
				() -> this.fixture.migrator().status());
		assertThat(failure.getMessage()).contains("3_drop_things.down.sql", "no matching .up.sql");
	}

	@Test
	void missingFilesystemLocationIsAConfigurationError() {
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.builder().locations("filesystem:/does/not/exist").build().up());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
		assertThat(failure.getMessage()).contains("/does/not/exist");
	}

}
