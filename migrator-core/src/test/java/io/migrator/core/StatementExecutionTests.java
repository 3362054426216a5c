package io.migrator.core;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * How {@code up} and {@code dry-run} send statements: blocks as one query, statements that
 * return rows over all their rows, failures located without running anything twice.
 * Every test ends by comparing the history with the schema.
 */
class StatementExecutionTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@BeforeEach
	void writeCallLog() {
		// calls counts every call of ins(); the sequence is not transactional, so it also
		// counts calls whose transaction was rolled back: a statement that ran twice shows.
		this.fixture.write("00001_call_log.sql", """
				-- +goose Up
				CREATE TABLE calls (g int);
				CREATE SEQUENCE attempts;
				CREATE FUNCTION ins(g int) RETURNS int LANGUAGE sql AS
				  'INSERT INTO calls VALUES (g); SELECT nextval(''attempts'')::int';
				""");
	}

	@Test
	void blockOfSeveralStatementsWithATrailingCommentRunsAsOneQueryInTheMigrationTransaction() {
		this.fixture.write("00002_block.sql", """
				-- +goose Up
				CREATE TABLE before_block (id int);
				-- +goose StatementBegin
				CREATE TABLE in_block (id int);
				INSERT INTO in_block VALUES (1);
				CREATE FUNCTION twice(x int) RETURNS int LANGUAGE plpgsql AS $$
				BEGIN
				  RETURN x * 2;
				END;
				$$; -- the last statement of the block
				-- +goose StatementEnd
				INSERT INTO in_block VALUES (twice(21));
				""");
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT id FROM in_block ORDER BY id")).containsExactly("1", "42");
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void blockRollsBackWithItsMigrationWhenALaterStatementFails() {
		this.fixture.write("00002_block.sql", """
				-- +goose Up
				-- +goose StatementBegin
				CREATE TABLE in_block (id int);
				INSERT INTO in_block VALUES (1);
				-- +goose StatementEnd
				INSERT INTO nowhere VALUES (1);
				""");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.MIGRATION_FAILED);
		assertThat(failure.getLocation()).extracting("statementNumber", "line", "sqlState")
			.containsExactly(2, 6, "42P01");
		assertThat(this.fixture.tableExists("in_block")).isFalse();
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void blockOfSixtySevenStatementsIsOneQuery() {
		String statements = IntStream.rangeClosed(1, 67)
			.mapToObj((i) -> "INSERT INTO calls VALUES (" + i + ");")
			.collect(Collectors.joining("\n"));
		this.fixture.write("00002_many.sql",
				"-- +goose Up\n-- +goose StatementBegin\n" + statements + "\n-- +goose StatementEnd\n");
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT count(*), sum(g) FROM calls")).containsExactly("67|2278");
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void failureInsideABlockNamesTheBlockAndItsLine() {
		this.fixture.write("00002_block.sql", """
				-- +goose Up
				CREATE TABLE t (id int);
				-- +goose StatementBegin
				INSERT INTO t VALUES (1);
				INSERT INTO nowhere VALUES (1);
				-- +goose StatementEnd
				""");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getMessage()).contains("00002_block.sql, statement 2 (a StatementBegin/StatementEnd block)"
				+ " at line 4", "nowhere", "42P01", "nothing of version 2 changed");
		assertThat(this.fixture.tableExists("t")).isFalse();
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void blockThatWouldEndTheMigrationTransactionIsRefusedBeforeAnythingRuns() {
		this.fixture.write("00002_commits.sql", """
				-- +goose Up
				INSERT INTO calls VALUES (1);
				-- +goose StatementBegin
				INSERT INTO calls VALUES (2);
				COMMIT;
				-- +goose StatementEnd
				INSERT INTO calls VALUES (3);
				""");
		Migrator migrator = this.fixture.migrator();
		InvalidSourceException upFailure = catchThrowableOfType(InvalidSourceException.class, migrator::up);
		assertThat(upFailure.getSource()).endsWith("00002_commits.sql");
		assertThat(upFailure.getMessage()).contains("COMMIT", "NO TRANSACTION");
		assertThat(catchThrowableOfType(InvalidSourceException.class, migrator::dryRun).getSource())
			.endsWith("00002_commits.sql");
		// Migration 1 (before it) is not applied either: the file is refused before the run starts.
		assertThat(this.fixture.tableExists("calls")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void javaMigrationMayNotCommitTheMigrationTransaction() {
		JavaMigration committing = javaMigration(2, "commits", (connection) -> {
			try (var statement = connection.createStatement()) {
				statement.execute("INSERT INTO calls VALUES (1)");
			}
			connection.commit();
		});
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.builder().javaMigrations(committing).build().up());
		assertThat(failure.getMessage()).contains("Migration 2 (commits)", "Connection.commit() is not allowed",
				"nothing of version 2 changed");
		assertThat(this.fixture.query("SELECT count(*) FROM calls")).containsExactly("0");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void dryRunOfAJavaMigrationThatCommitsCommitsNothing() {
		JavaMigration committing = javaMigration(2, "commits", (connection) -> connection.commit());
		RunResult dryRun = this.fixture.builder().javaMigrations(committing).build().dryRun();
		assertThat(dryRun.migrations()).extracting(MigrationResult::outcome)
			.containsExactly(Outcome.VERIFIED, Outcome.FAILED);
		assertThat(this.fixture.tableExists("calls")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void javaMigrationThatEndsTheTransactionWithSqlIsReportedInsteadOfRecordedApplied() {
		JavaMigration committing = javaMigration(2, "commits", (connection) -> {
			try (var statement = connection.createStatement()) {
				statement.execute("INSERT INTO calls VALUES (1)");
				statement.execute("COMMIT");
			}
		});
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.builder().javaMigrations(committing).build().up());
		assertThat(failure.getMessage()).contains("the check that its Java code left the migration's transaction open",
				"Its Java code ended the migration's transaction itself", "the history does not record version 2");
		// The COMMIT could not be stopped; the message says what it did, and the history agrees.
		assertThat(this.fixture.query("SELECT g FROM calls")).containsExactly("1");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	private static JavaMigration javaMigration(long version, String description, ConnectionWork work) {
		return new JavaMigration() {

			@Override
			public void up(MigrationContext context) throws Exception {
				work.run(context.connection());
			}

			@Override
			public long version() {
				return version;
			}

			@Override
			public String description() {
				return description;
			}

		};
	}

	/**
	 * The body of a Java migration in these tests.
	 */
	@FunctionalInterface
	private interface ConnectionWork {

		void run(java.sql.Connection connection) throws Exception;

	}

	@Test
	void statementReturningRowsRunsForEveryRow() {
		this.fixture.write("00002_partitions.sql", """
				-- +goose Up
				CREATE TABLE marker (id int);
				SELECT ins(g) FROM generate_series(1, 5) g;
				WITH more AS (SELECT g FROM generate_series(6, 8) g) SELECT ins(g) FROM more;
				(SELECT ins(9)) UNION ALL (SELECT ins(10));
				INSERT INTO calls SELECT g FROM generate_series(11, 13) g RETURNING g;
				-- +goose StatementBegin
				SELECT ins(g) FROM generate_series(14, 15) g;
				SELECT ins(16);
				-- +goose StatementEnd
				CREATE TABLE after_rows (id int);
				""");
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT string_agg(g::text, ',' ORDER BY g) FROM calls"))
			.containsExactly("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16");
		assertThat(this.fixture.tableExists("after_rows")).isTrue();
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void statementReturningMoreRowsThanOneFetchRunsForEveryRow() {
		// Rows are read a thousand at a time inside a transaction; the server must still run all.
		this.fixture.write("00002_many_rows.sql", "-- +goose Up\nSELECT ins(g) FROM generate_series(1, 2500) g;\n");
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT count(*), max(g) FROM calls")).containsExactly("2500|2500");
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void statementReturningRowsRunsForEveryRowInANoTransactionFile() {
		this.fixture.write("00002_partitions.sql", """
				-- +goose NO TRANSACTION
				-- +goose Up
				SELECT ins(g) FROM generate_series(1, 5) g;
				-- +goose StatementBegin
				SELECT ins(g) FROM generate_series(6, 7) g;
				SELECT ins(8);
				-- +goose StatementEnd
				""");
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT count(*), sum(g) FROM calls")).containsExactly("8|36");
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void failingStatementRunsOnceAndIsNamedWithoutReplay() {
		this.fixture.migrator().up();
		this.fixture.write("00002_fails.sql", """
				-- +goose Up
				CREATE TABLE t (id int);
				DO $$BEGIN PERFORM ins(1); END$$;
				DO $$BEGIN PERFORM ins(2); END$$;
				INSERT INTO t VALUES (1/0);
				DO $$BEGIN PERFORM ins(3); END$$;
				""");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getLocation()).extracting("statementNumber", "line", "sqlState")
			.containsExactly(4, 5, "22012");
		assertThat(failure.getMessage()).contains("00002_fails.sql, statement 4 at line 5", "division by zero");
		// Two calls, each once: a replay would have made it four.
		assertThat(this.fixture.query("SELECT last_value FROM attempts")).containsExactly("2");
		assertThat(this.fixture.tableExists("t")).isFalse();
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void failureInTheSecondBatchOfALargeFileNamesItsStatement() {
		String filler = "INSERT INTO calls VALUES (0);\n".repeat(1500);
		this.fixture.write("00002_large.sql", "-- +goose Up\n" + filler + "INSERT INTO nowhere VALUES (1);\n" + filler);
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getLocation()).extracting("statementNumber", "line").containsExactly(1501, 1502);
		assertThat(this.fixture.query("SELECT count(*) FROM calls")).containsExactly("0");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void failingHistoryWriteIsNamedAsSuchAndRollsBackTheMigration() {
		this.fixture.write("00002_claims_its_row.sql", """
				-- +goose Up
				CREATE TABLE t (id int);
				INSERT INTO migrator_history (version, description, type, state) VALUES (2, 'x', 'sql', 'applied');
				""");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.MIGRATION_FAILED);
		assertThat(failure.getMessage()).contains("00002_claims_its_row.sql, the write of its history row", "23505",
				"Another process recorded version 2 meanwhile");
		assertThat(this.fixture.tableExists("t")).isFalse();
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void failingCommitIsNamedAsSuchAndRollsBackTheMigration() {
		this.fixture.write("00002_deferred.sql", """
				-- +goose Up
				CREATE TABLE parent (id int PRIMARY KEY);
				CREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);
				INSERT INTO child VALUES (99);
				""");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getMessage()).contains("00002_deferred.sql, COMMIT", "23503");
		assertThat(failure.getLocation().sqlState()).isEqualTo("23503");
		assertThat(this.fixture.tableExists("child")).isFalse();
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void dryRunRunsStatementsTheWayUpDoesAndCommitsNothing() {
		this.fixture.migrator().up();
		this.fixture.write("00002_block.sql", """
				-- +goose Up
				-- +goose StatementBegin
				CREATE TABLE in_block (id int);
				INSERT INTO in_block VALUES (1);
				-- +goose StatementEnd
				SELECT ins(g) FROM generate_series(1, 5) g;
				""");
		// The fifth row fails: a statement run for its first row only would pass.
		this.fixture.write("00003_fifth_row_fails.sql", """
				-- +goose Up
				CREATE TABLE t (id int);
				SELECT ins(g), 1 / (5 - g) FROM generate_series(1, 5) g;
				""");
		RunResult dryRun = this.fixture.migrator().dryRun();
		assertThat(dryRun.migrations()).extracting(MigrationResult::version, MigrationResult::outcome)
			.containsExactly(tuple(2L, Outcome.VERIFIED), tuple(3L, Outcome.FAILED));
		assertThat(dryRun.migrations().get(1).error()).contains("00003_fifth_row_fails.sql, statement 2 at line 3",
				"division by zero");
		assertThat(this.fixture.tableExists("in_block")).isFalse();
		assertThat(this.fixture.query("SELECT count(*) FROM calls")).containsExactly("0");
		assertThat(this.fixture.history()).containsExactly("1:applied");
		MigrationFailedException up = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());
		assertThat(up.getLocation()).extracting("version", "statementNumber", "line").containsExactly(3L, 2, 3);
		assertThat(this.fixture.query("SELECT count(*) FROM calls")).containsExactly("5");
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void dryRunOfAFailingBlockCommitsNothing() {
		this.fixture.write("00002_block.sql", """
				-- +goose Up
				-- +goose StatementBegin
				CREATE TABLE in_block (id int);
				INSERT INTO nowhere VALUES (1);
				-- +goose StatementEnd
				""");
		RunResult dryRun = this.fixture.migrator().dryRun();
		assertThat(dryRun.migrations()).extracting(MigrationResult::outcome)
			.containsExactly(Outcome.VERIFIED, Outcome.FAILED);
		assertThat(this.fixture.tableExists("in_block")).isFalse();
		assertThat(this.fixture.tableExists("calls")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void concurrentIndexInATransactionalFileSuggestsNoTransaction() {
		this.fixture.write("00002_index.sql", """
				-- +goose Up
				CREATE INDEX CONCURRENTLY calls_g ON calls (g);
				""");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getMessage()).contains("00002_index.sql, statement 1 at line 2", "25001",
				"'-- +goose NO TRANSACTION'");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void concurrentIndexInsideABlockOfANoTransactionFileIsExplainedInGooseTerms() {
		this.fixture.write("00002_index.sql", """
				-- +goose NO TRANSACTION
				-- +goose Up
				-- +goose StatementBegin
				CREATE TABLE extra (id int);
				CREATE INDEX CONCURRENTLY calls_g ON calls (g);
				-- +goose StatementEnd
				""");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.MIGRATION_FAILED);
		assertThat(failure.getMessage()).contains("00002_index.sql, statement 1 (a StatementBegin/StatementEnd block)"
				+ " at line 4", "25001", "as ONE query", "one implicit transaction", "Remove StatementBegin/StatementEnd",
				"nothing of it was committed");
		// The block is one implicit transaction: its CREATE TABLE went with the failure.
		assertThat(this.fixture.tableExists("extra")).isFalse();
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

}
