package io.migrator.core.internal.lock;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.migrator.core.EngineFixture;
import io.migrator.core.ErrorCode;
import io.migrator.core.LockRace;
import io.migrator.core.LockStrategy;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorException;
import io.migrator.core.RunResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

public class AdvisoryLockTests {

	/** pg_locks covers the whole server, which other test runs share. */
	public static final String THIS_DATABASE = "database = (SELECT oid FROM pg_database WHERE datname = current_database())";

	/** The key of the lock of the default history table, for tests that hold it from outside. */
	public static final long DEFAULT_HISTORY_TABLE_KEY = AdvisoryLock.keyOf("\"public\".\"migrator_history\"");

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@BeforeEach
	void writeFirstMigrations() {
		for (int version = 1; version <= 6; version++) {
			this.fixture.write(String.format("%05d_t%d.sql", version, version),
					"-- +goose Up\nCREATE TABLE t" + version + " (id int);\nSELECT pg_sleep(0.05);\n");
		}
	}

	@Test
	void secondMigratorGivesUpAfterTheTimeoutNamingTheHolder() throws Exception {
		try (Connection holder = this.fixture.database().connect(); Statement statement = holder.createStatement()) {
			statement.execute("SET application_name = 'other-migrator'");
			statement.execute("SELECT pg_advisory_lock(" + DEFAULT_HISTORY_TABLE_KEY + ")");
			MigratorException failure = catchThrowableOfType(MigratorException.class, () -> this.fixture.builder()
				.lockStrategy(LockStrategy.ADVISORY)
				.lockTimeout(Duration.ofMillis(500))
				.build()
				.up());
			assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.LOCK_FAILED);
			assertThat(failure.getMessage()).contains("within PT0.5S", "held by backend pid",
					"application 'other-migrator'", "raise the lock timeout");
			assertThat(this.fixture.tableExists("migrator_history")).isFalse();
		}
	}

	@Test
	void runWithNothingPendingTakesNoLock() throws Exception {
		Migrator migrator = this.fixture.builder().lockStrategy(LockStrategy.ADVISORY).build();
		migrator.up();
		try (Connection holder = this.fixture.database().connect(); Statement statement = holder.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + DEFAULT_HISTORY_TABLE_KEY + ")");
			long started = System.nanoTime();
			assertThat(this.fixture.builder().lockTimeout(Duration.ofSeconds(30)).build().up().migrations()).isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		}
	}

	@Test
	void concurrentMigratorsApplyEveryMigrationExactlyOnce() throws Exception {
		EngineFixture race = freshWith();
		try (race) {
			LockRace.writeMigrations(race);
			LockRace.runAndCheck(race, () -> race.builder().lockStrategy(LockStrategy.ADVISORY).build());
		}
	}

	@Test
	void autoMigratorsRacingApplyEveryMigrationExactlyOnceWithoutALockTable() throws Exception {
		EngineFixture race = freshWith();
		try (race) {
			LockRace.writeMigrations(race);
			LockRace.runAndCheck(race, () -> race.builder().build());
			assertThat(race.tableExists("migrator_history_lock")).isFalse();
		}
	}

	@Test
	void heldLockTransactionKeepsNoSnapshotSoCreateIndexConcurrentlyIsNotBlocked() throws Exception {
		EngineFixture fixture = freshWith("00001_slow.sql",
				"-- +goose Up\nCREATE TABLE big (id int);\nSELECT pg_sleep(1.5);\n", "00002_index.sql",
				"-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY big_id ON big (id);\n");
		try (fixture) {
			CompletableFuture<RunResult> run = CompletableFuture
				.supplyAsync(() -> fixture.builder().lockStrategy(LockStrategy.AUTO).build().up());
			List<String> lockSession = awaitLockSession(fixture);
			assertThat(lockSession).containsExactly("idle in transaction|null");
			assertThat(run.get(30, TimeUnit.SECONDS).migrations()).hasSize(2);
			assertThat(fixture.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND " + THIS_DATABASE))
				.containsExactly("0");
		}
	}

	@Test
	void idleInTransactionTimeoutOfTheServerDoesNotEndTheLock() throws Exception {
		EngineFixture fixture = freshWith("00001_wait.sql", "-- +goose Up\nSELECT pg_sleep(1);\n",
				"00002_check.sql", "-- +goose Up\nDO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_locks "
						+ "WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() AND " + THIS_DATABASE
						+ ") THEN "
						+ "RAISE EXCEPTION 'the migration lock is gone'; END IF; END $$;\n");
		try (fixture) {
			fixture.execute("ALTER DATABASE \"" + fixture.database().name()
					+ "\" SET idle_in_transaction_session_timeout = '300ms'");
			assertThat(fixture.builder().lockStrategy(LockStrategy.ADVISORY).build().up().migrations()).hasSize(2);
		}
	}

	@Test
	void lockSessionThatDiesIsDetectedBeforeTheNextMigration() throws Exception {
		EngineFixture fixture = freshWith("00001_wait.sql", "-- +goose Up\nSELECT pg_sleep(1.5);\n", "00002_next.sql",
				"-- +goose Up\nCREATE TABLE next (id int);\n");
		try (fixture) {
			CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> fixture.builder()
				.lockStrategy(LockStrategy.AUTO)
				.lockLeaseDuration(Duration.ofSeconds(1))
				.build()
				.up());
			awaitLockSession(fixture);
			fixture.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND "
					+ THIS_DATABASE);
			Throwable failure = catchThrowableOfType(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS))
				.getCause();
			assertThat(failure).isInstanceOf(MigratorException.class);
			assertThat(((MigratorException) failure).getErrorCode()).isEqualTo(ErrorCode.LOCK_FAILED);
			assertThat(failure.getMessage()).contains("Lost the migration lock", "its transaction ended",
					"stopped before its next migration");
			assertThat(fixture.history()).containsExactly("1:applied");
		}
	}

	@Test
	void waitForAnOrphanedMigrationTransactionIsBoundedByTheLockTimeout() throws Exception {
		Migrator migrator = this.fixture.builder().lockTimeout(Duration.ofMillis(800)).build();
		migrator.upTo(1);
		try (Connection orphan = this.fixture.database().connect(); Statement statement = orphan.createStatement()) {
			// What a killed process leaves behind: a migration transaction that claimed the history.
			orphan.setAutoCommit(false);
			statement.execute("LOCK TABLE migrator_history IN ROW EXCLUSIVE MODE");
			MigratorException failure = catchThrowableOfType(MigratorException.class, migrator::up);
			assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.LOCK_FAILED);
			assertThat(failure.getMessage()).contains("Waited PT0.8S", "still holds the history table",
					"pg_terminate_backend");
			orphan.rollback();
		}
		assertThat(migrator.up().migrations()).hasSize(5);
	}

	private EngineFixture freshWith(String... files) throws IOException {
		EngineFixture fixture = new EngineFixture("advisory", Files.createDirectory(
				this.fixture.directory().resolve("m" + System.nanoTime())));
		for (int i = 0; i < files.length; i += 2) {
			fixture.write(files[i], files[i + 1]);
		}
		return fixture;
	}

	/**
	 * Waits until a backend holds an advisory lock, and returns its state and xmin.
	 */
	private static List<String> awaitLockSession(EngineFixture fixture) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			List<String> sessions = fixture.query("SELECT a.state || '|' || coalesce(a.backend_xmin::text, 'null') "
					+ "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
					+ "WHERE l.locktype = 'advisory' AND l.granted AND l." + THIS_DATABASE);
			if (!sessions.isEmpty() && sessions.get(0).startsWith("idle in transaction")) {
				return sessions;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("No backend held the advisory lock within 20 s");
	}

}
