package io.migrator.core;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class NoTransactionMigrationTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@BeforeEach
	void writeFirstMigrations() {
		this.fixture.write("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id int, email text);\n");
	}

	@Test
	void createIndexConcurrentlyRunsOutsideATransactionAndIsRecordedApplied() {
		this.fixture.write("00002_index_email.sql", """
				-- +goose NO TRANSACTION
				-- +goose Up
				CREATE INDEX CONCURRENTLY users_email ON users (email);
				-- +goose Down
				DROP INDEX CONCURRENTLY users_email;
				""");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		assertThat(this.fixture.query("SELECT indexname FROM pg_indexes WHERE tablename = 'users'"))
			.containsExactly("users_email");
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
		migrator.down();
		assertThat(this.fixture.query("SELECT indexname FROM pg_indexes WHERE tablename = 'users'")).isEmpty();
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void failureAfterACommittedStatementLeavesItIncompleteAndBlocksLaterRunsUntilRepaired() {
		this.fixture.write("00002_half.sql", """
				-- +goose Up
				-- +goose NO TRANSACTION
				CREATE INDEX CONCURRENTLY users_id ON users (id);
				CREATE INDEX CONCURRENTLY users_missing ON users (missing_column);
				""");
		Migrator migrator = this.fixture.migrator();
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, migrator::up);
		assertThat(failure.getMessage()).contains("statement 2 at line 4", "marked incomplete", "repair");
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:started");
		assertThat(migrator.status().migrations().get(1).state()).isEqualTo(MigrationState.INCOMPLETE);
		MigratorException refused = catchThrowableOfType(MigratorException.class, migrator::up);
		assertThat(refused.getErrorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
		assertThat(refused.getMessage()).contains("Migration 2 (half) is incomplete", "repair");
		assertThat(migrator.check().isValid()).isFalse();
		this.fixture.write("00002_half.sql", """
				-- +goose Up
				-- +goose NO TRANSACTION
				CREATE INDEX CONCURRENTLY IF NOT EXISTS users_id ON users (id);
				CREATE INDEX CONCURRENTLY users_email ON users (email);
				""");
		assertThat(migrator.repair().migrations()).extracting(MigrationResult::version).containsExactly(2L);
		migrator.up();
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void failureOnTheFirstStatementLeavesNothingBehind() {
		this.fixture.write("00002_bad.sql", """
				-- +goose Up
				-- +goose NO TRANSACTION
				CREATE INDEX CONCURRENTLY users_missing ON users (missing_column);
				""");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getMessage()).contains("nothing of it was committed");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

}
