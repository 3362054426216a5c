package io.migrator.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.migrator.core.internal.lock.AdvisoryLockTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a run reports, and what the history says, when its lock, its connection or its
 * history row is taken away while a migration runs. Every test ends by comparing the
 * history with the schema.
 */
class FaultsDuringMigrationTests {

	private static final String SLEEPING = "pg_sleep(3)";

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void lostLockDuringANoTransactionMigrationFailsTheRunAfterRecordingWhatRan() throws Exception {
		writeThreeMigrations("-- +goose NO TRANSACTION\n");
		Migrator migrator = this.fixture.builder().lockLeaseDuration(Duration.ofSeconds(1)).build();
		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(migrator::up);
		terminateWhenSleeping("SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND "
				+ AdvisoryLockTests.THIS_DATABASE);
		MigratorException failure = failureOf(run);
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.LOCK_FAILED);
		assertThat(failure.getMessage()).contains("Lost the migration lock", "ran and recorded [1 up, 2 up]");
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
		assertThat(this.fixture.tableExists("second")).isTrue();
		assertThat(this.fixture.tableExists("third")).isFalse();
	}

	@Test
	void historyRowRemovedDuringANoTransactionMigrationStopsTheRunSayingWhatIsApplied() throws Exception {
		writeThreeMigrations("-- +goose NO TRANSACTION\n");
		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(this.fixture.migrator()::up);
		awaitSleepingBackend();
		// What a 'repair' by an operator who believed the run dead would do.
		this.fixture.execute("DELETE FROM migrator_history WHERE version = 2");
		MigratorException failure = failureOf(run);
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.HISTORY_FAILED);
		assertThat(failure.getMessage()).contains("Migration 2 (second", "00002_second.sql",
				"changed 0 row(s) instead of 1", "Its changes ARE in the database (committed)",
				"the history has no applied row for it");
		assertThat(this.fixture.history()).containsExactly("1:applied");
		assertThat(this.fixture.tableExists("second")).isTrue();
		assertThat(this.fixture.tableExists("third")).isFalse();
	}

	@Test
	void transactionalDownWhoseHistoryRowVanishedIsRolledBack() {
		this.fixture.write("00001_first.sql", "-- +goose Up\nCREATE TABLE first (id int);\n");
		// Stands in for another process removing the row while this Down runs.
		this.fixture.write("00002_second.sql", """
				-- +goose Up
				CREATE TABLE second (id int);
				-- +goose Down
				DROP TABLE second;
				DELETE FROM migrator_history WHERE version = 2;
				""");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		MigratorException failure = catchThrowableOfType(MigratorException.class, migrator::down);
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.HISTORY_FAILED);
		assertThat(failure.getMessage()).contains("Migration 2 (second, ", "00002_second.sql)",
				"remove the history row of version 2 changed 0 row(s) instead of 1", "Its transaction was rolled back");
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
		assertThat(this.fixture.tableExists("second")).isTrue();
	}

	@Test
	void terminatedConnectionDuringATransactionalMigrationNamesTheCauseAndWhatIsCommitted() throws Exception {
		// A DO block travels in the batch with the history row and COMMIT.
		writeThreeMigrations("");
		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(this.fixture.migrator()::up);
		terminateWhenSleeping(sleepingBackend());
		MigrationFailedException failure = (MigrationFailedException) failureOf(run);
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.MIGRATION_FAILED);
		assertThat(failure.getLocation()).extracting("version", "statementNumber", "line", "sqlState")
			.containsExactly(2L, 2, 3, "57P01");
		assertThat(failure.getMessage()).contains("Migration 2 (second) failed to apply",
				"the connection to the database was lost during", "00002_second.sql, statement 2 at line 3",
				"terminated by an administrator", "nothing of version 2 is applied", "Version(s) [1]",
				"Read again on a new connection, the history records version 2 as not applied; the database is at "
						+ "version 1",
				"Run again once the database is reachable")
			.doesNotContain("history table");
		assertThat(this.fixture.history()).containsExactly("1:applied");
		assertThat(this.fixture.tableExists("second")).isFalse();
	}

	@Test
	void terminatedConnectionDuringANoTransactionMigrationLeavesItIncompleteAndSaysSo() throws Exception {
		writeThreeMigrations("-- +goose NO TRANSACTION\n");
		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(this.fixture.migrator()::up);
		terminateWhenSleeping(sleepingBackend());
		MigrationFailedException failure = (MigrationFailedException) failureOf(run);
		assertThat(failure.getMessage()).contains("the connection to the database was lost during",
				"statement 2 at line 4", "57P01", "its statement 1 was committed", "marked incomplete", "repair",
				"the history records version 2 as started");
		// Statement 1 (CREATE TABLE second) is committed, statement 2 was cut short: incomplete.
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:started");
		assertThat(this.fixture.tableExists("second")).isTrue();
	}

	@Test
	void terminatedConnectionDuringADryRunEndsItNamingTheCauseAndCommitsNothing() throws Exception {
		writeThreeMigrations("");
		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(this.fixture.migrator()::dryRun);
		terminateWhenSleeping(sleepingBackend());
		MigrationFailedException failure = (MigrationFailedException) failureOf(run);
		assertThat(failure.getMessage()).contains("Migration 2 (second)", "the connection to the database was lost",
				"statement 2 at line 3", "terminated by an administrator");
		assertThat(failure.getPartialResult().migrations()).extracting(MigrationResult::outcome)
			.containsExactly(Outcome.VERIFIED, Outcome.FAILED);
		assertThat(this.fixture.tableExists("first")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void serverShutdownDuringAMigrationNamesTheCauseAndThatTheHistoryCannotBeReadNow() throws Exception {
		// A server of its own, since this test stops it.
		EmbeddedPostgres server = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
		boolean stopped = false;
		try {
			writeThreeMigrations("");
			Migrator migrator = Migrator.builder()
				.dataSource(server.getPostgresDatabase())
				.locations("filesystem:" + this.fixture.directory())
				.useEnvironmentVariables(false)
				.build();
			CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(migrator::up);
			awaitSleeping(server.getPostgresDatabase());
			server.close();
			stopped = true;
			MigrationFailedException failure = (MigrationFailedException) failureOf(run);
			assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.MIGRATION_FAILED);
			assertThat(failure.getMessage()).contains("Migration 2 (second) failed to apply",
					"the connection to the database was lost during", "statement 2 at line 3",
					"nothing of version 2 is applied", "Version(s) [1]",
					"The history could not be read again on a new connection either",
					"Run again once the database is reachable");
		}
		finally {
			if (!stopped) {
				server.close();
			}
		}
	}

	@Test
	void noTransactionDownFailingHalfwayIsIncompleteDownAndBlocksUntilRepaired() {
		this.fixture.write("00001_tables.sql", "-- +goose Up\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
		this.fixture.write("00002_indexes.sql", """
				-- +goose NO TRANSACTION
				-- +goose Up
				CREATE INDEX CONCURRENTLY a_id ON a (id);
				CREATE INDEX CONCURRENTLY b_id ON b (id);
				-- +goose Down
				DROP INDEX CONCURRENTLY a_id;
				DROP INDEX CONCURRENTLY no_such_index;
				DROP INDEX CONCURRENTLY b_id;
				""");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, migrator::down);
		assertThat(failure.getMessage()).contains("Migration 2 (indexes) failed to undo",
				"statement 2 at line 7", "its statement 1 was committed", "marked incomplete (direction down)",
				"statement 2 and those after it did not run", "repair");
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:started_down");
		assertThat(indexes()).containsExactly("b_id");
		assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.INCOMPLETE);
		MigratorException refused = catchThrowableOfType(MigratorException.class, migrator::up);
		assertThat(refused.getErrorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
		assertThat(refused.getMessage()).contains("Migration 2 (indexes) is incomplete: its Down", "repair");
		assertThat(catchThrowableOfType(MigratorException.class, migrator::down).getErrorCode())
			.isEqualTo(ErrorCode.VALIDATION_FAILED);
		assertThat(migrator.check().isValid()).isFalse();
		// The operator finishes the undo by hand, as the message says, then repairs.
		this.fixture.execute("DROP INDEX b_id");
		migrator.repair();
		assertThat(this.fixture.history()).containsExactly("1:applied");
		assertThat(indexes()).isEmpty();
		migrator.up();
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
		assertThat(indexes()).containsExactly("a_id", "b_id");
	}

	@Test
	void noTransactionDownFailingOnItsFirstStatementStaysApplied() {
		this.fixture.write("00001_tables.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.write("00002_index.sql", """
				-- +goose NO TRANSACTION
				-- +goose Up
				CREATE INDEX CONCURRENTLY a_id ON a (id);
				-- +goose Down
				DROP INDEX CONCURRENTLY no_such_index;
				""");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, migrator::down);
		assertThat(failure.getMessage()).contains("statement 1 at line 5", "nothing of it was committed");
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
		assertThat(indexes()).containsExactly("a_id");
	}

	@Test
	void aLargeFileEditedBeforeItRunsIsRolledBackInsteadOfRecordedWithTheChecksumOfItsOldBytes() throws Exception {
		writeSeedEditedJustBeforeItRuns("");
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				this.fixture.builder().listeners(new SeedEditor()).build()::up);
		assertThat(failure.getMessage()).contains("00002_seed.sql", "changed while this run read it",
				"rolled back: nothing of version 2 is applied");
		assertThat(this.fixture.tableExists("edited")).isFalse();
		assertThat(seedAgreement().holds()).containsExactly("1:applied");
	}

	@Test
	void aLargeNoTransactionFileEditedBeforeItRunsStaysIncompleteInsteadOfApplied() throws Exception {
		writeSeedEditedJustBeforeItRuns("-- +goose NO TRANSACTION\n");
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				this.fixture.builder().listeners(new SeedEditor()).build()::up);
		assertThat(failure.getMessage()).contains("00002_seed.sql", "changed while this run read it",
				"version 2 stays incomplete");
		assertThat(this.fixture.tableExists("edited")).isTrue();
		assertThat(seedAgreement().incomplete(2).holds()).containsExactly("1:applied", "2:started");
	}

	@Test
	void aLargeNoTransactionFileGoneBeforeItRunsLeavesNoStartedRow() throws Exception {
		writeSeedEditedJustBeforeItRuns("-- +goose NO TRANSACTION\n");
		Path seed = this.fixture.directory().resolve("00002_seed.sql");
		String content = Files.readString(seed);
		MigrationListener remover = new MigrationListener() {
			@Override
			public void beforeMigration(long version, String description, Direction direction) {
				if (version == 2) {
					try {
						Files.delete(seed);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}
		};
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				this.fixture.builder().listeners(remover).build()::up);
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.SOURCE_UNREADABLE);
		assertThat(failure.getMessage()).contains("00002_seed.sql", "cannot be read");
		assertThat(seedAgreement().holds()).containsExactly("1:applied");
		// Following the message: put the file back and run again.
		Files.writeString(seed, content);
		this.fixture.migrator().up();
		assertThat(seedAgreement().holds()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void aFileEditedAfterTheLocationWasHashedAndBeforeItIsParsedIsRefusedBeforeAnythingRuns() {
		this.fixture.write("00001_first.sql", "-- +goose Up\nCREATE TABLE first (id int);\n");
		this.fixture.write("00002_second.sql", "-- +goose Up\nCREATE TABLE second (id int);\n");
		// Stands in for an editor saving the file while the run opens its connection: the
		// location is listed and hashed on another thread meanwhile, the pending files are
		// parsed after the history is read.
		AtomicBoolean edited = new AtomicBoolean();
		DataSource dataSource = this.fixture.database().dataSource();
		DataSource editingWhileConnecting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { DataSource.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("getConnection") && !edited.getAndSet(true)) {
						Thread.sleep(500);
						this.fixture.write("00002_second.sql", "-- +goose Up\nCREATE TABLE edited (id int);\n");
					}
					try {
						return method.invoke(dataSource, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				this.fixture.builder().dataSource(editingWhileConnecting).build()::up);
		assertThat(failure).isInstanceOf(InvalidSourceException.class);
		assertThat(failure.getMessage()).contains("00002_second.sql", "changed while this run was starting",
				"Nothing was run");
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
		assertThat(this.fixture.tableExists("first")).isFalse();
		// Following the message: run again, and the history records the bytes that ran.
		this.fixture.migrator().up();
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied");
		assertThat(this.fixture.tableExists("edited")).isTrue();
		assertThat(this.fixture.migrator().validate().problems()).isEmpty();
	}

	private HistoryAgreement seedAgreement() {
		return HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT to_regclass('first') IS NOT NULL")
			.version(2, HistoryAgreement.anyRowIn("seed"));
	}

	/**
	 * Migration 2 holds more statements than a run keeps from planning, so its file is read
	 * again when it runs; {@link SeedEditor} edits it just before.
	 */
	private void writeSeedEditedJustBeforeItRuns(String annotations) {
		this.fixture.write("00001_first.sql", "-- +goose Up\nCREATE TABLE first (id int);\n");
		StringBuilder seed = new StringBuilder(annotations).append("-- +goose Up\nCREATE TABLE seed (id int, v text);\n");
		String row = "x".repeat(64);
		for (int id = 0; id < 20_000; id++) {
			seed.append("INSERT INTO seed VALUES (").append(id).append(", '").append(row).append("');\n");
		}
		this.fixture.write("00002_seed.sql", seed.toString());
	}

	private final class SeedEditor implements MigrationListener {

		@Override
		public void beforeMigration(long version, String description, Direction direction) {
			if (version == 2) {
				Path seed = FaultsDuringMigrationTests.this.fixture.directory().resolve("00002_seed.sql");
				try {
					Files.writeString(seed, Files.readString(seed)
						.replace("CREATE TABLE seed (id int, v text);", "CREATE TABLE seed (id int, v text);\n"
								+ "CREATE TABLE edited (id int);"));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}

	}

	/**
	 * Migration 1 creates a table; migration 2 (with the given annotations) creates a table
	 * and then sleeps; migration 3 creates a table.
	 */
	private void writeThreeMigrations(String annotations) {
		this.fixture.write("00001_first.sql", "-- +goose Up\nCREATE TABLE first (id int);\n");
		this.fixture.write("00002_second.sql", annotations + "-- +goose Up\nCREATE TABLE second (id int);\n"
				+ "DO $$BEGIN PERFORM " + SLEEPING + "; END$$;\n");
		this.fixture.write("00003_third.sql", "-- +goose Up\nCREATE TABLE third (id int);\n");
	}

	private List<String> indexes() {
		return this.fixture.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' "
				+ "AND tablename <> 'migrator_history' ORDER BY 1");
	}

	private static String sleepingBackend() {
		return "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' "
				+ "AND query LIKE '%" + SLEEPING + "%' AND pid <> pg_backend_pid()";
	}

	private void awaitSleepingBackend() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (this.fixture.query(sleepingBackend()).isEmpty()) {
			assertThat(System.nanoTime()).as("a migration statement sleeping within 20 s").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private static void awaitSleeping(DataSource dataSource) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			while (true) {
				try (ResultSet sleeping = statement.executeQuery(sleepingBackend())) {
					if (sleeping.next()) {
						return;
					}
				}
				assertThat(System.nanoTime()).as("a migration statement sleeping within 20 s").isLessThan(deadline);
				Thread.sleep(20);
			}
		}
	}

	private void terminateWhenSleeping(String backendQuery) throws InterruptedException {
		awaitSleepingBackend();
		List<String> terminated = this.fixture.query("SELECT pg_terminate_backend(pid) FROM (" + backendQuery + ") b");
		assertThat(terminated).containsExactly("t");
	}

	private static MigratorException failureOf(CompletableFuture<RunResult> run) throws Exception {
		try {
			RunResult result = run.get(30, TimeUnit.SECONDS);
			throw new AssertionError("The run reported success: " + result);
		}
		catch (ExecutionException ex) {
			assertThat(ex.getCause()).isInstanceOf(MigratorException.class);
			return (MigratorException) ex.getCause();
		}
	}

}
