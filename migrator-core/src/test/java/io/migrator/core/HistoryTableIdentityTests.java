package io.migrator.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One history table is one table whatever the configuration calls it and whatever a
 * migration does to {@code search_path}: its rows go to it, and its lock is one lock.
 */
class HistoryTableIdentityTests {

	private static final String HISTORY_COLUMNS = "(version BIGINT PRIMARY KEY, description VARCHAR(512) NOT NULL, "
			+ "type VARCHAR(16) NOT NULL, checksum VARCHAR(64), state VARCHAR(16) NOT NULL, "
			+ "applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), execution_ms BIGINT NOT NULL DEFAULT 0, "
			+ "applied_by VARCHAR(128) NOT NULL DEFAULT current_user)";

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void migrationThatMovesSearchPathStillRecordsInTheHistoryTableResolvedAtTheStart() throws Exception {
		// pg_dump output starts like this; another schema's history table must not catch the rows.
		this.fixture.execute("CREATE SCHEMA other; CREATE TABLE other.migrator_history " + HISTORY_COLUMNS);
		this.fixture.write("00001_restore_dump.sql", """
				-- +goose Up
				SELECT pg_catalog.set_config('search_path', 'other, public', false);
				CREATE TABLE public.accounts (id int);
				""");
		this.fixture.write("00002_seed.sql", "-- +goose Up\nINSERT INTO public.accounts VALUES (1);\n");
		this.fixture.write("00003_index.sql", """
				-- +goose NO TRANSACTION
				-- +goose Up
				SET search_path = other, public;
				CREATE INDEX CONCURRENTLY accounts_id ON public.accounts (id);
				""");

		RunResult run = this.fixture.migrator().up();

		assertThat(run.migrations()).extracting(MigrationResult::outcome).containsOnly(Outcome.SUCCEEDED);
		assertThat(this.fixture.query("SELECT count(*) FROM other.migrator_history")).containsExactly("0");
		assertThat(this.fixture.migrator().status().migrations()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.APPLIED);
		assertThat(HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT to_regclass('public.accounts') IS NOT NULL")
			.version(2, "SELECT EXISTS (SELECT 1 FROM public.accounts)")
			.version(3, "SELECT to_regclass('public.accounts_id') IS NOT NULL")
			.holds()).containsExactly("1:applied", "2:applied", "3:applied");
	}

	@Test
	void historyTableFoundLaterInTheSearchPathIsTheOneReadAndWritten() throws Exception {
		this.fixture.execute("CREATE SCHEMA app; CREATE TABLE app.migrator_history " + HISTORY_COLUMNS
				+ "; ALTER DATABASE " + this.fixture.database().name() + " SET search_path = public, app");
		this.fixture.write("00001_one.sql", "-- +goose Up\nCREATE TABLE one (id int);\n");

		this.fixture.migrator().up();

		assertThat(this.fixture.query("SELECT version || ':' || state FROM app.migrator_history"))
			.containsExactly("1:applied");
		assertThat(this.fixture.tableExists("migrator_history")).isTrue();
		assertThat(this.fixture.query("SELECT to_regclass('public.migrator_history') IS NULL")).containsExactly("t");
		assertThat(this.fixture.builder().schema("app").build().status().currentVersion()).isEqualTo(1);
	}

	@Test
	void defaultSchemaAndExplicitPublicTakeOneLockSoTwoDownsUndoDifferentVersions() throws Exception {
		this.fixture.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)");
		this.fixture.write("00001_open_account.sql", """
				-- +goose Up
				INSERT INTO accounts VALUES (1, 0);
				-- +goose Down
				DELETE FROM accounts WHERE id = 1;
				""");
		this.fixture.write("00002_deposit.sql", """
				-- +goose Up
				UPDATE accounts SET balance = balance + 100;
				-- +goose Down
				UPDATE accounts SET balance = balance - 100;
				""");
		this.fixture.migrator().up();
		// Both runs wait here once they hold "the" lock: with two locks for one table, both
		// arrive, the barrier opens and both undo version 2. With one lock, the first waits
		// in vain (the second is queued for the lock), gives up and goes on alone.
		CyclicBarrier bothInside = new CyclicBarrier(2);
		MigrationListener meetInside = new MigrationListener() {

			@Override
			public void beforeMigration(long version, String description, Direction direction) {
				try {
					bothInside.await(2, TimeUnit.SECONDS);
				}
				catch (TimeoutException | BrokenBarrierException ex) {
					// Alone under the lock, as it should be.
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		};
		Migrator byDefault = this.fixture.builder().listeners(meetInside).lockTimeout(Duration.ofSeconds(30)).build();
		Migrator byName = this.fixture.builder()
			.schema("PUBLIC")
			.listeners(meetInside)
			.lockTimeout(Duration.ofSeconds(30))
			.build();
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<RunResult> first = executor.submit(byDefault::down);
			Future<RunResult> second = executor.submit(byName::down);
			List<Long> undone = new ArrayList<>();
			undone.addAll(first.get(60, TimeUnit.SECONDS).migrations().stream().map(MigrationResult::version).toList());
			undone.addAll(second.get(60, TimeUnit.SECONDS).migrations().stream().map(MigrationResult::version).toList());
			Collections.sort(undone);
			assertThat(undone).containsExactly(1L, 2L);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = 1)")
			// A balance of -100 is the double undo: no history explains it.
			.version(2, "SELECT CASE COALESCE((SELECT balance FROM accounts WHERE id = 1), 0) "
					+ "WHEN 100 THEN true WHEN 0 THEN false END")
			.holds()).isEmpty();
	}

	@Test
	void unquotedTableNameFoldsToLowerCaseAsInSql() throws Exception {
		this.fixture.write("00001_one.sql", "-- +goose Up\nCREATE TABLE one (id int);\n");

		this.fixture.builder().table("Applied_Versions").schema("Migrations").build().up();

		assertThat(this.fixture.query("SELECT table_schema || '.' || table_name FROM information_schema.tables "
				+ "WHERE table_name ILIKE 'applied_versions'")).containsExactly("migrations.applied_versions");
		assertThat(this.fixture.builder().table("applied_versions").schema("migrations").build().version())
			.isEqualTo(1);
	}

	@Test
	void quotedTableNameIsTakenExactlyAndQuotedInEveryStatement() throws Exception {
		this.fixture.write("00001_one.sql", "-- +goose Up\nCREATE TABLE one (id int);\n");

		this.fixture.builder().table("\"Applied \"\"Versions\"\"\"").lockStrategy(LockStrategy.TABLE).build().up();

		assertThat(this.fixture.query("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'Applied%' "
				+ "ORDER BY 1"))
			.containsExactly("Applied \"Versions\"", "Applied \"Versions\"_lock");
		assertThat(this.fixture.query("SELECT version || ':' || state FROM \"Applied \"\"Versions\"\"\""))
			.containsExactly("1:applied");
	}

}
