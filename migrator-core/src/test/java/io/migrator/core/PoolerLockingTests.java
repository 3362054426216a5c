package io.migrator.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import io.migrator.core.internal.lock.AdvisoryLockTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Locking through a real pgbouncer in transaction pooling mode (SPEC §4.2).
 */
class PoolerLockingTests {

	static Pgbouncer pgbouncer;

	@TempDir
	Path directory;

	EngineFixture fixture;

	DataSource pooled;

	@BeforeAll
	static void startPgbouncer() throws Exception {
		pgbouncer = Pgbouncer.start();
	}

	@AfterAll
	static void stopPgbouncer() {
		if (pgbouncer != null) {
			pgbouncer.close();
		}
	}

	@BeforeEach
	void createDatabase(TestInfo test) {
		this.fixture = new EngineFixture(test.getTestMethod().orElseThrow().getName(), this.directory);
		this.pooled = pgbouncer.dataSource(this.fixture.database());
	}

	@AfterEach
	void dropDatabase() {
		this.fixture.close();
	}

	@Test
	void sessionAdvisoryLockIsGrantedToEveryClientAndLeaks() throws Exception {
		List<Connection> clients = new ArrayList<>();
		try {
			List<Boolean> granted = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				Connection client = this.pooled.getConnection();
				clients.add(client);
				granted.add(queryBoolean(client, "SELECT pg_try_advisory_lock(42)"));
			}
			// Three separate clients "hold" the same exclusive lock: they share one server backend.
			assertThat(granted).containsExactly(true, true, true);
		}
		finally {
			for (Connection client : clients) {
				client.close();
			}
		}
		// The clients are gone, the lock is not: it stays with the pooled backend.
		assertThat(this.fixture.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 42 "
				+ "AND granted AND " + AdvisoryLockTests.THIS_DATABASE)).containsExactly("1");
	}

	@Test
	void autoMigratorsRacingThroughPgbouncerApplyEveryMigrationExactlyOnce() throws Exception {
		LockRace.writeMigrations(this.fixture);
		LockRace.runAndCheck(this.fixture, () -> this.fixture.builder().dataSource(this.pooled).build());
	}

	@Test
	void tableMigratorsRacingThroughPgbouncerApplyEveryMigrationExactlyOnce() throws Exception {
		LockRace.writeMigrations(this.fixture);
		LockRace.runAndCheck(this.fixture,
				() -> this.fixture.builder().dataSource(this.pooled).lockStrategy(LockStrategy.TABLE).build());
	}

	@Test
	void advisoryMigratorsRacingThroughPgbouncerApplyEveryMigrationExactlyOnce() throws Exception {
		LockRace.writeMigrations(this.fixture);
		LockRace.runAndCheck(this.fixture,
				() -> this.fixture.builder().dataSource(this.pooled).lockStrategy(LockStrategy.ADVISORY).build());
	}

	@Test
	void advisoryLockTakenThroughPgbouncerIsReallyHeldAndDoesNotLeak() throws Exception {
		this.fixture.write("00001_slow.sql", "-- +goose Up\nSELECT pg_sleep(1.5);\n");
		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(
				() -> this.fixture.builder().dataSource(this.pooled).lockStrategy(LockStrategy.ADVISORY).build().up());
		long key = AdvisoryLockTests.DEFAULT_HISTORY_TABLE_KEY;
		awaitHeld(key);
		// A client through the same pooler, landing on any backend, is refused while the run lives.
		try (Connection other = this.pooled.getConnection()) {
			assertThat(queryBoolean(other, "SELECT pg_try_advisory_xact_lock(" + key + ")")).isFalse();
			assertThat(queryBoolean(other, "SELECT pg_try_advisory_lock(" + key + ")")).isFalse();
		}
		assertThat(run.get(30, TimeUnit.SECONDS).migrations()).hasSize(1);
		assertThat(this.fixture.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
				+ AdvisoryLockTests.THIS_DATABASE)).containsExactly("0");
	}

	private void awaitHeld(long key) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			if (!this.fixture.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = "
					+ (key & 0xFFFFFFFFL) + " AND " + AdvisoryLockTests.THIS_DATABASE).isEmpty()) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("The migrator did not take its advisory lock within 20 s");
	}

	private static boolean queryBoolean(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getBoolean(1);
		}
	}


	@Test
	void driverPreparedStatementsMixedUpByThePoolerAreExplained() throws Exception {
		this.fixture.write("00001_create_events.sql", "-- +goose Up\nCREATE TABLE events (id int);\n");
		// With the driver's defaults, its own COMMIT and ROLLBACK become named server-side
		// statements; pgbouncer (before 1.21) hands them to whichever server connection
		// is next, here deterministically by round robin.
		try (Pgbouncer roundRobin = Pgbouncer.start("server_round_robin = 1")) {
			DataSource pooled = roundRobin.dataSourceWithDriverDefaults(this.fixture.database());
			openServerConnections(pooled, 4);
			MigratorException failure = catchThrowableOfType(MigratorException.class,
					() -> this.fixture.builder().dataSource(pooled).build().up());
			assertThat(failure.getMessage()).contains("prepared statement", "transaction-mode pooler",
					"prepareThreshold=0");
		}
	}

	/**
	 * Leaves pgbouncer with several idle server connections to rotate through, by holding
	 * that many transactions open at once.
	 */
	private static void openServerConnections(DataSource pooled, int count) throws SQLException {
		List<Connection> clients = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				Connection client = pooled.getConnection();
				clients.add(client);
				client.setAutoCommit(false);
				try (Statement statement = client.createStatement()) {
					statement.execute("SELECT 1");
				}
			}
		}
		finally {
			for (Connection client : clients) {
				client.rollback();
				client.close();
			}
		}
	}

}
