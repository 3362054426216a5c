package io.migrator.core;

import java.io.File;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import io.migrator.core.internal.lock.AdvisoryLockTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (what Kubernetes sends a pod, and what Ctrl-C amounts to) during a long
 * migration: the statement is cancelled on the server rather than left running orphaned,
 * the process says what it committed, and history agrees with the schema.
 */
class ShutdownSignalFaultTests {

	private static final String SLEEPING = "SELECT pg_sleep(60)";

	@TempDir
	Path directory;

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void sigtermCancelsTheRunningStatementAndReportsWhatIsCommitted() throws Exception {
		this.fixture.write("00001_customers.sql", "-- +goose Up\nCREATE TABLE customers (id int);\n");
		this.fixture.write("00002_orders.sql", "-- +goose Up\nCREATE TABLE orders (id int);\n" + SLEEPING + ";\n");
		String log = terminateWhen("state = 'active' AND query = '" + SLEEPING + "'");

		assertThat(log).contains("Shutdown requested during 'up': cancelling the running statement",
				"'up' stopped by shutdown: this run committed version(s) 1 up; then it stopped: Migration 2 (orders) "
						+ "failed to apply");
		assertThat(this.fixture.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
				+ "AND query = '" + SLEEPING + "'")).as("the statement was cancelled, not orphaned")
			.containsExactly("0");
		assertThat(HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT to_regclass('customers') IS NOT NULL")
			.version(2, "SELECT to_regclass('orders') IS NOT NULL")
			.holds()).containsExactly("1:applied");
	}

	@Test
	void sigtermDuringANoTransactionMigrationLeavesItIncompleteAndSaysSo() throws Exception {
		this.fixture.write("00001_orders.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE orders (id int);\n"
				+ SLEEPING + ";\nCREATE INDEX CONCURRENTLY orders_id ON orders (id);\n");
		String log = terminateWhen("state = 'active' AND query = '" + SLEEPING + "'");

		assertThat(log).contains("'up' stopped by shutdown: this run committed no migration; then it stopped: "
				+ "Migration 1 (orders) failed to apply", "marked incomplete");
		assertThat(HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT to_regclass('orders_id') IS NOT NULL")
			.incomplete(1)
			.holds()).containsExactly("1:started");
		assertThat(this.fixture.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
				+ "AND query = '" + SLEEPING + "'")).containsExactly("0");
	}

	@Test
	void sigtermWhileWaitingForTheLockEndsTheWaitAndRunsNothing() throws Exception {
		this.fixture.write("00001_customers.sql", "-- +goose Up\nCREATE TABLE customers (id int);\n");
		try (Connection holder = this.fixture.database().connect(); Statement statement = holder.createStatement()) {
			holder.setAutoCommit(false);
			statement.execute("SELECT pg_advisory_xact_lock(" + AdvisoryLockTests.DEFAULT_HISTORY_TABLE_KEY
					+ ")");
			String log = terminateWhen(
					"query LIKE 'SELECT pg_try_advisory_xact_lock%' OR query = 'ROLLBACK'");

			assertThat(log).contains("Shutdown requested during 'up'",
					"'up' stopped by shutdown", "Interrupted while waiting for the migration lock");
		}
		assertThat(HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT to_regclass('customers') IS NOT NULL")
			.holds()).isEmpty();
	}

	@Test
	void javaMigrationCanStillUseItsConnectionAsTheDriversType() throws Exception {
		JavaMigration copy = new JavaMigration() {

			@Override
			public long version() {
				return 1;
			}

			@Override
			public String description() {
				return "copy";
			}

			@Override
			public void up(MigrationContext context) throws Exception {
				try (Statement statement = context.connection().createStatement()) {
					statement.execute("CREATE TABLE copied (id int)");
				}
				// COPY needs the driver's own type: the run's statement tracking must not hide it.
				((PGConnection) context.connection()).getCopyAPI()
					.copyIn("COPY copied FROM STDIN", new StringReader("1\n2\n"));
			}

		};
		this.fixture.builder().javaMigrations(copy).build().up();

		assertThat(this.fixture.query("SELECT count(*) FROM copied")).containsExactly("2");
	}

	/**
	 * Starts a migrating child JVM, sends it SIGTERM once a session of it matches a
	 * condition on pg_stat_activity, and returns its log.
	 */
	private String terminateWhen(String sessionCondition) throws Exception {
		File log = this.directory.resolve("child.log").toFile();
		Process child = CrashingMigratorMain.start(this.fixture, LockStrategy.AUTO, Duration.ofSeconds(30), log);
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (this.fixture.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
					+ "AND pid <> pg_backend_pid() AND (" + sessionCondition + ")").isEmpty()) {
				assertThat(System.nanoTime()).as("child reached '%s'; log: %s", sessionCondition,
						Files.readString(log.toPath(), StandardCharsets.UTF_8)).isLessThan(deadline);
				Thread.sleep(20);
			}
			// SIGTERM, as Kubernetes and systemd send it.
			child.destroy();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child ended after SIGTERM").isTrue();
			return Files.readString(log.toPath(), StandardCharsets.UTF_8);
		}
		finally {
			child.destroyForcibly();
		}
	}

}
