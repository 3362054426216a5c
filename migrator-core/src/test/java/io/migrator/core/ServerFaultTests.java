package io.migrator.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import io.migrator.testsupport.RestartablePostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Faults of the server under a running migration: shut down by an administrator, crashed,
 * the migration's backend terminated. On a server of this class's own, never the shared
 * one. Every test ends with the history agreeing with the schema, and with the next run
 * (after the advice of the error message, where one is needed) completing the job.
 */
class ServerFaultTests {

	private static final String SLEEPING = "SELECT pg_sleep(60)";

	private static RestartablePostgres server;

	@TempDir
	Path directory;

	private DataSource database;

	private String databaseName;

	@BeforeAll
	static void startServer() {
		server = RestartablePostgres.start();
	}

	@AfterAll
	static void removeServer() {
		server.close();
	}

	@BeforeEach
	void createDatabase(TestInfo test) throws Exception {
		this.databaseName = server.createDatabase(test.getTestMethod().orElseThrow().getName());
		this.database = server.dataSource(this.databaseName);
	}

	@AfterEach
	void dropDatabase() {
		server.dropDatabase(this.databaseName);
	}

	@Test
	void serverShutDownDuringATransactionalMigrationLeavesItUnappliedAndTheNextRunAppliesIt() throws Exception {
		write("00001_customers.sql", "-- +goose Up\nCREATE TABLE customers (id int);\n");
		write("00002_orders.sql", "-- +goose Up\nCREATE TABLE orders (id int);\n" + SLEEPING + ";\n");

		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> migrator().up());
		awaitRunning(SLEEPING);
		server.stop();
		failureOf(run);
		server.restart();

		assertThat(agreement().holds()).containsExactly("1:applied");
		write("00002_orders.sql", "-- +goose Up\nCREATE TABLE orders (id int);\n");
		assertThat(migrator().up().migrations()).extracting(MigrationResult::version).containsExactly(2L);
		assertThat(agreement().holds()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void serverCrashDuringANoTransactionMigrationLeavesItIncompleteUntilAHumanRepairsIt() throws Exception {
		write("00001_customers.sql", "-- +goose Up\nCREATE TABLE customers (id int);\n");
		write("00002_orders.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE orders (id int);\n" + SLEEPING
				+ ";\nCREATE INDEX CONCURRENTLY orders_id ON orders (id);\n");

		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> migrator().up());
		awaitRunning(SLEEPING);
		server.crash();
		failureOf(run);
		server.restart();

		assertThat(agreement().incomplete(2).holds()).containsExactly("1:applied", "2:started");
		MigratorException refused = catchThrowableOfType(MigratorException.class, () -> migrator().up());
		assertThat(refused.getMessage()).contains("Migration 2 (orders) is incomplete", "repair");
		// The advice: check the schema (orders was created, its index not), undo that, repair, run again.
		execute("DROP TABLE orders");
		assertThat(migrator().repair().migrations()).extracting(MigrationResult::outcome)
			.containsExactly(Outcome.REPAIRED);
		write("00002_orders.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE orders (id int);\n"
				+ "CREATE INDEX CONCURRENTLY orders_id ON orders (id);\n");
		migrator().up();
		assertThat(agreement().holds()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void serverCrashDuringATransactionalDownKeepsTheVersionApplied() throws Exception {
		write("00001_customers.sql", "-- +goose Up\nCREATE TABLE customers (id int);\n-- +goose Down\n"
				+ "DROP TABLE customers;\n" + SLEEPING + ";\n");
		migrator().up();

		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> migrator().down());
		awaitRunning(SLEEPING);
		server.crash();
		failureOf(run);
		server.restart();

		assertThat(agreement().holds()).containsExactly("1:applied");
	}

	@Test
	void terminatedMigrationBackendRollsBackItsMigrationAndTheRunReportsWhatStays() throws Exception {
		write("00001_customers.sql", "-- +goose Up\nCREATE TABLE customers (id int);\n");
		write("00002_orders.sql", "-- +goose Up\nCREATE TABLE orders (id int);\n" + SLEEPING + ";\n");

		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> migrator().up());
		int pid = awaitRunning(SLEEPING);
		execute("SELECT pg_terminate_backend(" + pid + ")");
		failureOf(run);

		assertThat(agreement().holds()).containsExactly("1:applied");
		assertThat(this.migratorStatus()).containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
	}

	@Test
	void terminatedLockSessionStopsTheRunBeforeItsNextMigrationAndNeverReportsSuccess() throws Exception {
		write("00001_customers.sql", "-- +goose Up\nCREATE TABLE customers (id int);\n" + SLEEPING.replace("60", "2")
				+ ";\n");
		write("00002_orders.sql", "-- +goose Up\nCREATE TABLE orders (id int);\n");
		Migrator migrator = Migrator.builder()
			.dataSource(this.database)
			.locations("filesystem:" + this.directory)
			.useEnvironmentVariables(false)
			.lockLeaseDuration(Duration.ofSeconds(1))
			.build();

		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(migrator::up);
		awaitRunning(SLEEPING.replace("60", "2"));
		// The advisory lock's session: idle in its open transaction, last statement its heartbeat.
		awaitSession("state = 'idle in transaction' AND query LIKE '%SET LOCAL %timeout = 0'");
		execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
				+ "AND state = 'idle in transaction' AND query LIKE '%SET LOCAL %timeout = 0'");
		MigratorException failure = failureOf(run);

		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.LOCK_FAILED);
		assertThat(failure.getMessage()).contains("Lost the migration lock");
		assertThat(agreement().holds()).containsExactly("1:applied");
	}

	private List<MigrationState> migratorStatus() {
		return migrator().status().migrations().stream().map(MigrationInfo::state).toList();
	}

	private Migrator migrator() {
		return Migrator.builder()
			.dataSource(this.database)
			.locations("filesystem:" + this.directory)
			.useEnvironmentVariables(false)
			.lockTimeout(Duration.ofSeconds(20))
			.build();
	}

	private HistoryAgreement agreement() {
		return HistoryAgreement.of(this.database)
			.version(1, "SELECT to_regclass('customers') IS NOT NULL")
			.version(2, "SELECT to_regclass('orders') IS NOT NULL");
	}

	private void write(String name, String content) throws Exception {
		Files.writeString(this.directory.resolve(name), content, StandardCharsets.UTF_8);
	}

	private void execute(String sql) throws Exception {
		try (Connection connection = this.database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * Waits until the migration's backend runs a statement, and returns its pid.
	 */
	private int awaitRunning(String query) throws Exception {
		return awaitSession("state = 'active' AND query LIKE '%" + query + "%'");
	}

	private int awaitSession(String condition) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			List<Integer> pids = new ArrayList<>();
			try (Connection connection = this.database.getConnection();
					Statement statement = connection.createStatement();
					var result = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = "
							+ "current_database() AND pid <> pg_backend_pid() AND " + condition)) {
				while (result.next()) {
					pids.add(result.getInt(1));
				}
			}
			if (!pids.isEmpty()) {
				return pids.get(0);
			}
			Thread.sleep(20);
		}
		throw new AssertionError("No session matched " + condition + " within 30 s");
	}

	private static MigratorException failureOf(CompletableFuture<RunResult> run) throws Exception {
		try {
			RunResult result = run.get(60, TimeUnit.SECONDS);
			throw new AssertionError("The run should have failed, but reported " + result.migrations());
		}
		catch (ExecutionException ex) {
			assertThat(ex.getCause()).isInstanceOf(MigratorException.class);
			return (MigratorException) ex.getCause();
		}
	}

}
