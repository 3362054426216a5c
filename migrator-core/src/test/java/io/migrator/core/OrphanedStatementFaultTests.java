package io.migrator.core;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The CLI is killed with {@code kill -9} during a NO TRANSACTION migration; the server
 * keeps executing the statement it was sent and will commit it. Until that statement ends,
 * no run may execute that migration again.
 */
class OrphanedStatementFaultTests {

	@TempDir
	Path directory;

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void repairAndUpRefuseWhileTheOrphanedStatementRunsAndFollowingTheAdviceEndsConsistent() throws Exception {
		this.fixture.write("00001_orders.sql", """
				-- +goose NO TRANSACTION
				-- +goose Up
				CREATE TABLE orders (id int);
				INSERT INTO orders SELECT 1 FROM pg_sleep(60);
				""");
		int orphan = killWhileRunning("INSERT INTO orders");
		Migrator migrator = this.fixture.migrator();

		MigratorException repair = catchThrowableOfType(MigratorException.class, migrator::repair);
		MigratorException up = catchThrowableOfType(MigratorException.class, migrator::up);

		for (MigratorException refused : List.of(repair, up)) {
			assertThat(refused.getErrorCode()).isEqualTo(ErrorCode.LOCK_FAILED);
			assertThat(refused.getMessage()).contains("server backend pid " + orphan + " runs version 1",
					"INSERT INTO orders SELECT 1 FROM pg_sleep(60)", "Nothing was run",
					"SELECT pg_terminate_backend(" + orphan + ")");
		}
		assertThat(this.fixture.history()).containsExactly("1:started");

		// Follow the advice: end it, check the schema (the CREATE TABLE committed: undo it), repair, run again.
		this.fixture.execute("SELECT pg_terminate_backend(" + orphan + ")");
		awaitGone(orphan);
		this.fixture.execute("DROP TABLE orders");
		assertThat(migrator.repair().migrations()).extracting(MigrationResult::outcome)
			.containsExactly(Outcome.REPAIRED);
		// Only to keep the test short: the version is pending again, so its file may change.
		this.fixture.write("00001_orders.sql", """
				-- +goose NO TRANSACTION
				-- +goose Up
				CREATE TABLE orders (id int);
				INSERT INTO orders SELECT 1 FROM pg_sleep(0);
				""");
		assertThat(this.fixture.builder().build().up().migrations()).extracting(MigrationResult::outcome)
			.containsExactly(Outcome.SUCCEEDED);
		assertThat(this.fixture.query("SELECT count(*) FROM orders")).containsExactly("1");
		assertThat(HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, HistoryAgreement.anyRowIn("orders"))
			.holds()).containsExactly("1:applied");
	}

	@Test
	void anOrphanedDownStatementIsRefusedWithAdviceToFinishUndoingAndFollowingItEndsConsistent() throws Exception {
		this.fixture.write("00001_orders.sql", """
				-- +goose NO TRANSACTION
				-- +goose Up
				CREATE TABLE orders (id int);
				CREATE TABLE order_lines (id int);
				-- +goose Down
				DROP TABLE order_lines;
				SELECT pg_sleep(60);
				DROP TABLE orders;
				""");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		int orphan = killWhileRunning("SELECT pg_sleep(60)",
				(log) -> CrashingMigratorMain.startDownTo(this.fixture, 0, log));

		MigratorException refused = catchThrowableOfType(MigratorException.class, migrator::repair);
		assertThat(refused.getMessage()).contains("server backend pid " + orphan + " runs version 1",
				"finish undoing version 1 by hand (the statements of its Down that did not run), and run 'repair': "
						+ "it removes the row")
			.doesNotContain("the next run applies all of it again");
		assertThat(this.fixture.history()).containsExactly("1:started_down");

		// Follow the advice: end it, finish undoing by hand, repair.
		this.fixture.execute("SELECT pg_terminate_backend(" + orphan + ")");
		awaitGone(orphan);
		this.fixture.execute("DROP TABLE orders");
		assertThat(migrator.repair().migrations()).extracting(MigrationResult::outcome)
			.containsExactly(Outcome.REPAIRED);
		assertThat(HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT to_regclass('orders') IS NOT NULL OR to_regclass('order_lines') IS NOT NULL")
			.holds()).isEmpty();
	}

	@Test
	void sessionOfAFinishedNoTransactionMigrationGetsItsOwnNameBack() throws Exception {
		this.fixture.write("00001_orders.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE orders (id int);\n");
		// A pool of one connection: the connection the run used is the one the application gets next.
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setDataSource(this.fixture.database().dataSource());
			pool.setMaximumPoolSize(1);
			Migrator.builder()
				.dataSource(pool)
				.locations("filesystem:" + this.fixture.directory())
				.lockStrategy(LockStrategy.NONE)
				.build()
				.up();
			assertThat(this.fixture.history()).containsExactly("1:applied");
			try (var connection = pool.getConnection(); var statement = connection.createStatement();
					var result = statement.executeQuery("SHOW application_name")) {
				result.next();
				assertThat(result.getString(1)).doesNotStartWith("migrator:");
			}
		}
	}

	private int killWhileRunning(String statementStart) throws Exception {
		return killWhileRunning(statementStart,
				(log) -> CrashingMigratorMain.start(this.fixture, LockStrategy.AUTO, Duration.ofSeconds(30), log));
	}

	private int killWhileRunning(String statementStart, Child start) throws Exception {
		File log = this.directory.resolve("child.log").toFile();
		Process child = start.writingTo(log);
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (System.nanoTime() < deadline) {
				List<String> running = this.fixture.query("SELECT pid FROM pg_stat_activity WHERE datname = "
						+ "current_database() AND state = 'active' AND query LIKE '" + statementStart + "%'");
				if (!running.isEmpty()) {
					child.destroyForcibly();
					assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
					return Integer.parseInt(running.get(0));
				}
				assertThat(child.isAlive()).as("child alive; its log: %s",
						Files.readString(log.toPath(), StandardCharsets.UTF_8)).isTrue();
				Thread.sleep(20);
			}
			throw new AssertionError("The child did not reach '" + statementStart + "' within 30 s: "
					+ Files.readString(log.toPath(), StandardCharsets.UTF_8));
		}
		finally {
			child.destroyForcibly();
		}
	}

	@FunctionalInterface
	private interface Child {

		Process writingTo(File log) throws IOException;

	}

	private void awaitGone(int pid) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!this.fixture.query("SELECT 1 FROM pg_stat_activity WHERE pid = " + pid).isEmpty()) {
			assertThat(System.nanoTime()).as("backend %s ended", pid).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
