package io.migrator.core;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.migrator.core.internal.lock.AdvisoryLockTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A migrating JVM killed with {@code kill -9} in the middle of a migration, and the run
 * that comes after it.
 */
class CrashRecoveryTests {

	/**
	 * A statement that sleeps and returns no rows, so that it travels in the migration's
	 * batch with the COMMIT (a SELECT would run on its own, see StatementClassifier).
	 */
	private static final String SLEEP = "DO $$BEGIN PERFORM pg_sleep(2); END$$";

	/** A statement that returns no rows, to fill a batch. */
	private static final String FILLER = "DO $$BEGIN END$$;\n";

	@TempDir
	Path directory;

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void transactionalMigrationKilledBeforeItsCommitWasSentLeavesNothingAndTheNextRunAppliesIt() throws Exception {
		// Over a thousand statements: the executor sends them in two batches, and the kill
		// lands during the first, so the COMMIT in the second never reaches the server.
		this.fixture.write("00001_orders.sql", "-- +goose Up\nCREATE TABLE orders (id int);\n" + SLEEP + ";\n"
				+ FILLER.repeat(1000));
		long pid = killMidMigration(LockStrategy.AUTO, Duration.ofSeconds(30));
		assertThat(this.fixture.query("SELECT count(*) FROM migrator_history")).containsExactly("0");
		assertThat(this.fixture.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
				+ AdvisoryLockTests.THIS_DATABASE)).as("lock of killed process %s", pid).containsExactly("0");
		RunResult next = this.fixture.builder().lockTimeout(Duration.ofSeconds(20)).build().up();
		assertThat(next.migrations()).extracting(MigrationResult::version).containsExactly(1L);
		assertThat(this.fixture.history()).containsExactly("1:applied");
		assertThat(this.fixture.tableExists("orders")).isTrue();
	}

	@Test
	void transactionalMigrationWhoseCommitWasSentBeforeTheKillIsFinishedByTheServerAndNotRepeated()
			throws Exception {
		this.fixture.write("00001_orders.sql", "-- +goose Up\nCREATE TABLE orders (id int);\n" + SLEEP + ";\n");
		killMidMigration(LockStrategy.AUTO, Duration.ofSeconds(30));
		// The lock died with the process, but its batch still runs on the server and commits:
		// the next run waits for it under the lock and finds version 1 applied.
		RunResult next = this.fixture.builder().lockTimeout(Duration.ofSeconds(20)).build().up();
		assertThat(next.migrations()).isEmpty();
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void noTransactionMigrationKilledMidwayIsReportedIncompleteAndRefused() throws Exception {
		this.fixture.write("00001_orders.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE orders (id int);\n"
				+ SLEEP + ";\n");
		killMidMigration(LockStrategy.AUTO, Duration.ofSeconds(30));
		Migrator next = this.fixture.builder().lockTimeout(Duration.ofSeconds(20)).build();
		assertThat(next.status().migrations()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.INCOMPLETE);
		MigratorException refused = catchThrowableOfType(MigratorException.class, next::up);
		assertThat(refused.getMessage()).contains("1", "repair");
		assertThat(this.fixture.history()).containsExactly("1:started");
	}

	@Test
	void killedLeaseHolderIsTakenOverOnceItsLeaseExpires() throws Exception {
		this.fixture.write("00001_orders.sql", "-- +goose Up\nCREATE TABLE orders (id int);\n" + SLEEP + ";\n"
				+ FILLER.repeat(1000));
		long pid = killMidMigration(LockStrategy.TABLE, Duration.ofSeconds(2));
		List<String> lease = this.fixture.query("SELECT owner FROM migrator_history_lock WHERE expires_at > now()");
		assertThat(lease).singleElement().asString().contains("/" + pid + "/");
		RunResult next = this.fixture.builder()
			.lockStrategy(LockStrategy.TABLE)
			.lockLeaseDuration(Duration.ofSeconds(2))
			.lockTimeout(Duration.ofSeconds(20))
			.build()
			.up();
		assertThat(next.migrations()).extracting(MigrationResult::version).containsExactly(1L);
		assertThat(this.fixture.history()).containsExactly("1:applied");
		assertThat(this.fixture.query("SELECT count(*) FROM migrator_history_lock")).containsExactly("0");
	}

	/**
	 * Starts a child JVM migrating the fixture, waits until it is inside the sleeping
	 * statement of migration 1, and kills it with SIGKILL.
	 * @return the child's pid
	 */
	private long killMidMigration(LockStrategy strategy, Duration lease) throws Exception {
		File log = this.directory.resolve("child.log").toFile();
		Process child = CrashingMigratorMain.start(this.fixture, strategy, lease, log);
		try {
			awaitSleeping(child, log);
			child.destroyForcibly();
			assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(child.exitValue()).isEqualTo(137);
			return child.pid();
		}
		finally {
			child.destroyForcibly();
		}
	}

	private void awaitSleeping(Process child, File log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			if (!child.isAlive()) {
				throw new AssertionError("The child exited early with " + child.exitValue() + ": "
						+ Files.readString(log.toPath(), StandardCharsets.UTF_8));
			}
			if (!this.fixture.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
					+ "AND state = 'active' AND query = '" + SLEEP + "' AND pid <> pg_backend_pid()").isEmpty()) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("The child did not reach the migration within 30 s: "
				+ Files.readString(log.toPath(), StandardCharsets.UTF_8));
	}

}
