package io.migrator.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TableLeaseLockTests {

	@TempDir
	Path directory;

	EngineFixture fixture;

	@BeforeEach
	void createDatabase(TestInfo test) {
		this.fixture = new EngineFixture(test.getTestMethod().orElseThrow().getName(), this.directory);
	}

	@AfterEach
	void dropDatabase() {
		this.fixture.close();
	}

	@Test
	void concurrentMigratorsApplyEveryMigrationExactlyOnce() throws Exception {
		LockRace.writeMigrations(this.fixture);
		LockRace.runAndCheck(this.fixture, () -> this.fixture.builder().lockStrategy(LockStrategy.TABLE).build());
		assertThat(this.fixture.query("SELECT count(*) FROM migrator_history_lock")).containsExactly("0");
	}

	@Test
	void secondMigratorGivesUpAfterTheTimeoutNamingTheOwner() throws Exception {
		this.fixture.write("00001_slow.sql", "-- +goose Up\nCREATE TABLE slow (id int);\nSELECT pg_sleep(2);\n");
		CompletableFuture<RunResult> first = CompletableFuture
			.supplyAsync(() -> this.fixture.builder().lockStrategy(LockStrategy.TABLE).build().up());
		String owner = awaitLeaseOwner();
		MigratorException failure = catchThrowableOfType(MigratorException.class, () -> this.fixture.builder()
			.lockStrategy(LockStrategy.TABLE)
			.lockTimeout(Duration.ofMillis(300))
			.build()
			.up());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.LOCK_FAILED);
		assertThat(failure.getMessage()).contains("\"migrator_history_lock\"", "within PT0.3S", "held by " + owner,
				" since ", "lease expires at", "wait for it to finish, or raise the lock timeout");
		assertThat(owner).contains("/" + ProcessHandle.current().pid() + "/");
		assertThat(first.get(30, TimeUnit.SECONDS).migrations()).hasSize(1);
		assertThat(this.fixture.query("SELECT count(*) FROM migrator_history_lock")).containsExactly("0");
	}

	@Test
	void runWithNothingPendingTakesNoLease() {
		this.fixture.write("00001_t.sql", "-- +goose Up\nCREATE TABLE t (id int);\n");
		this.fixture.builder().lockStrategy(LockStrategy.TABLE).build().up();
		this.fixture.execute("INSERT INTO migrator_history_lock VALUES (1, 'someone-else', now(), now() + "
				+ "interval '1 hour')");
		long started = System.nanoTime();
		assertThat(this.fixture.builder()
			.lockStrategy(LockStrategy.TABLE)
			.lockTimeout(Duration.ofSeconds(30))
			.build()
			.up()
			.migrations()).isEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void leaseIsReleasedWhenAMigrationFails() {
		this.fixture.write("00001_broken.sql", "-- +goose Up\nSELECT no_such_column FROM no_such_table;\n");
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.builder().lockStrategy(LockStrategy.TABLE).build().up());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.MIGRATION_FAILED);
		assertThat(this.fixture.query("SELECT count(*) FROM migrator_history_lock")).containsExactly("0");
	}

	@Test
	void leaseIsRenewedWhileTheRunLives() throws Exception {
		this.fixture.write("00001_slow.sql", "-- +goose Up\nSELECT pg_sleep(2.5);\n");
		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> this.fixture.builder()
			.lockStrategy(LockStrategy.TABLE)
			.lockLeaseDuration(Duration.ofSeconds(1))
			.build()
			.up());
		String owner = awaitLeaseOwner();
		Thread.sleep(1500);
		// Past the first lease; only the heartbeat keeps it from being taken over.
		assertThat(this.fixture.query("SELECT owner FROM migrator_history_lock WHERE expires_at > now()"))
			.containsExactly(owner);
		assertThat(run.get(30, TimeUnit.SECONDS).migrations()).hasSize(1);
	}

	private String awaitLeaseOwner() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			if (this.fixture.tableExists("migrator_history_lock")) {
				var owners = this.fixture.query("SELECT owner FROM migrator_history_lock");
				if (!owners.isEmpty()) {
					return owners.get(0);
				}
			}
			Thread.sleep(20);
		}
		throw new AssertionError("No lease was taken within 20 s");
	}

}
