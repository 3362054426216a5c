package io.migrator.boot.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.migrator.core.MigrationListener;
import io.migrator.core.Migrator;
import io.migrator.core.RunResult;
import io.migrator.core.StatusReport;

/**
 * Reuses a {@link Migrator#status()} for a short time, so that health checks, the
 * endpoint and scrapes do not read the database on every call — with a dedicated
 * migration connection ({@code migrator.url}) every read opens a new, unpooled
 * connection. Forgets every status after a run, so a run is visible at once.
 */
public class MigrationStatusCache implements MigrationListener {

	private final Duration timeToLive;

	private final Clock clock;

	private final Map<Migrator, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * Creates a cache.
	 * @param timeToLive how long a status is reused; zero reads every time
	 */
	public MigrationStatusCache(Duration timeToLive) {
		this(timeToLive, Clock.systemUTC());
	}

	MigrationStatusCache(Duration timeToLive, Clock clock) {
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	/**
	 * Returns the status of a migrator, read at most {@code timeToLive} ago.
	 * @param migrator the migrator
	 * @return its status
	 */
	public StatusReport status(Migrator migrator) {
		if (this.timeToLive.isZero() || this.timeToLive.isNegative()) {
			return migrator.status();
		}
		Instant now = this.clock.instant();
		Entry entry = this.entries.get(migrator);
		if (entry != null && now.isBefore(entry.readAt().plus(this.timeToLive))) {
			return entry.status();
		}
		StatusReport status = migrator.status();
		this.entries.put(migrator, new Entry(status, now));
		return status;
	}

	/**
	 * Returns how long a status is reused.
	 * @return the time to live
	 */
	public Duration getTimeToLive() {
		return this.timeToLive;
	}

	@Override
	public void afterRun(RunResult result) {
		this.entries.clear();
	}

	private record Entry(StatusReport status, Instant readAt) {
	}

}
