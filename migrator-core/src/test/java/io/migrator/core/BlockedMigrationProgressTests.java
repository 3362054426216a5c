package io.migrator.core;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration that waits for a table lock looks stuck; its progress lines say who holds
 * the lock, so the operator can end that transaction instead of killing the migration.
 */
class BlockedMigrationProgressTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void progressLinesOfABlockedMigrationNameTheBlockerAndItsStatement() throws Exception {
		this.fixture.execute("CREATE TABLE accounts (id int)");
		this.fixture.write("00001_add_column.sql", "-- +goose Up\nALTER TABLE accounts ADD COLUMN note text;\n");
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		PrintStream original = System.err;
		try (Connection blocker = this.fixture.database().connect(); Statement statement = blocker.createStatement()) {
			statement.execute("SET application_name = 'nightly-report'");
			blocker.setAutoCommit(false);
			try (ResultSet result = statement.executeQuery("SELECT count(*) FROM accounts")) {
				result.next();
			}
			int blockerPid;
			try (ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
				result.next();
				blockerPid = result.getInt(1);
			}
			System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
			CompletableFuture<RunResult> run = CompletableFuture
				.supplyAsync(() -> this.fixture.builder().progressInterval(Duration.ofMillis(200)).build().up());
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (!captured.toString(StandardCharsets.UTF_8).contains("waiting for a lock held by")) {
				assertThat(System.nanoTime()).as("a progress line names the blocker").isLessThan(deadline);
				Thread.sleep(50);
			}
			blocker.rollback();
			assertThat(run.get(20, TimeUnit.SECONDS).migrations()).extracting(MigrationResult::outcome)
				.containsExactly(Outcome.SUCCEEDED);
			assertThat(captured.toString(StandardCharsets.UTF_8)).contains("Still running version 1 (add column) up",
					"waiting for a lock held by backend pid " + blockerPid + " (user ", "application 'nightly-report', "
							+ "idle in transaction for ",
					"statement: SELECT pg_backend_pid()", "end that transaction");
		}
		finally {
			System.setErr(original);
		}
		assertThat(HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT EXISTS (SELECT FROM information_schema.columns WHERE table_name = 'accounts' "
					+ "AND column_name = 'note')")
			.holds()).containsExactly("1:applied");
	}

}
