package io.migrator.boot.status;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import io.migrator.core.Migrator;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a dedicated unpooled connection every status read opens a connection: the cache
 * keeps health checks, endpoint calls and scrapes from doing that on every call.
 */
@FreshDatabase
class MigrationStatusCacheTests {

	@Test
	void readsTheDatabaseOncePerTimeToLiveAndAgainAfterARun(TestDatabase database) {
		AtomicInteger connections = new AtomicInteger();
		SimpleDriverDataSource unpooled = new SimpleDriverDataSource(new org.postgresql.Driver(), database.jdbcUrl(),
				database.user(), database.password()) {
			@Override
			protected Connection getConnectionFromDriver(String username, String password) throws SQLException {
				connections.incrementAndGet();
				return super.getConnectionFromDriver(username, password);
			}
		};
		MutableClock clock = new MutableClock();
		MigrationStatusCache cache = new MigrationStatusCache(Duration.ofSeconds(5), clock);
		Migrator migrator = Migrator.builder()
			.dataSource(unpooled)
			.locations("classpath:db/boot-tests/apply")
			.listeners(cache)
			.build();
		assertThat(cache.status(migrator).pendingCount()).isEqualTo(2);
		int afterFirstRead = connections.get();
		clock.advance(Duration.ofSeconds(4));
		assertThat(cache.status(migrator).pendingCount()).isEqualTo(2);
		assertThat(connections.get()).as("a read within the time to live").isEqualTo(afterFirstRead);
		migrator.up();
		int afterRun = connections.get();
		assertThat(cache.status(migrator).pendingCount()).as("a run is visible at once").isZero();
		assertThat(connections.get()).isGreaterThan(afterRun);
		int afterReRead = connections.get();
		clock.advance(Duration.ofSeconds(6));
		cache.status(migrator);
		assertThat(connections.get()).as("a read after the time to live").isGreaterThan(afterReRead);
	}

	@Test
	void zeroTimeToLiveReadsEveryTime(TestDatabase database) {
		Migrator migrator = Migrator.builder()
			.dataSource(new SimpleDriverDataSource(new org.postgresql.Driver(), database.jdbcUrl(), database.user(),
					database.password()))
			.locations("classpath:db/boot-tests/apply")
			.build();
		MigrationStatusCache cache = new MigrationStatusCache(Duration.ZERO);
		assertThat(cache.status(migrator)).isNotSameAs(cache.status(migrator));
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
