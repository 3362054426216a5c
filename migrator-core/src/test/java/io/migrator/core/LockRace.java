package io.migrator.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight migrators on separate connections started at the same instant against one database
 * whose migrations include a NO TRANSACTION {@code CREATE INDEX CONCURRENTLY} without
 * {@code IF NOT EXISTS}, which fails if it runs twice.
 */
public final class LockRace {

	static final int RUNNERS = 8;

	private LockRace() {
	}

	public static void writeMigrations(EngineFixture fixture) {
		fixture.write("00001_accounts.sql", "-- +goose Up\nCREATE TABLE accounts (id int PRIMARY KEY, email text);\n"
				+ "SELECT pg_sleep(0.1);\n");
		fixture.write("00002_seed.sql", "-- +goose Up\nINSERT INTO accounts SELECT g, 'a' || g FROM "
				+ "generate_series(1, 1000) g;\n");
		fixture.write("00003_email_index.sql", "-- +goose NO TRANSACTION\n-- +goose Up\n"
				+ "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n");
		fixture.write("00004_audit.sql", "-- +goose Up\nCREATE TABLE audit (id int);\nSELECT pg_sleep(0.1);\n");
		fixture.write("00005_audit_row.sql", "-- +goose Up\nINSERT INTO audit VALUES (1);\n");
	}

	/**
	 * Runs the migrators at once and checks that all succeeded and that every migration
	 * was applied exactly once.
	 */
	public static void runAndCheck(EngineFixture fixture, Supplier<Migrator> migrators) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(RUNNERS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<RunResult>> results = new ArrayList<>();
			for (int i = 0; i < RUNNERS; i++) {
				Migrator migrator = migrators.get();
				results.add(pool.submit(() -> {
					start.await();
					return migrator.up();
				}));
			}
			start.countDown();
			List<Long> applied = new ArrayList<>();
			for (Future<RunResult> result : results) {
				result.get(60, TimeUnit.SECONDS).migrations().forEach((migration) -> applied.add(migration.version()));
			}
			assertThat(applied).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(fixture.history()).containsExactly("1:applied", "2:applied", "3:applied", "4:applied",
				"5:applied");
		assertThat(fixture.query("SELECT count(*) FROM accounts")).containsExactly("1000");
		assertThat(fixture.query("SELECT count(*) FROM audit")).containsExactly("1");
		assertThat(fixture.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email'::regclass"))
			.containsExactly("t");
	}

}
