package io.migrator.core;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.migrator.core.internal.lock.AdvisoryLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AdvisoryLockTests {

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
			statement.execute("SELECT pg_advisory_lock(" + AdvisoryLock.keyOf("\"migrator_history\"") + ")");
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
			statement.execute("SELECT pg_advisory_lock(" + AdvisoryLock.keyOf("\"migrator_history\"") + ")");
			long started = System.nanoTime();
			assertThat(this.fixture.builder().lockTimeout(Duration.ofSeconds(30)).build().up().migrations()).isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		}
	}

	@Test
	void concurrentMigratorsApplyEveryMigrationExactlyOnce() throws Exception {
		int runners = 6;
		ExecutorService pool = Executors.newFixedThreadPool(runners);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<RunResult>> results = new ArrayList<>();
		for (int i = 0; i < runners; i++) {
			Migrator migrator = this.fixture.builder().lockStrategy(LockStrategy.ADVISORY).build();
			results.add(pool.submit(() -> {
				start.await();
				return migrator.up();
			}));
		}
		start.countDown();
		int applied = 0;
		for (Future<RunResult> result : results) {
			applied += result.get(60, TimeUnit.SECONDS).migrations().size();
		}
		pool.shutdown();
		assertThat(applied).isEqualTo(6);
		assertThat(this.fixture.query("SELECT count(*) FROM migrator_history")).containsExactly("6");
	}

}
