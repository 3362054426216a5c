package io.migrator.core.internal.lock;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;

/**
 * Renews a held lock on a daemon thread at a fixed interval and remembers why it was lost,
 * so the run stops before its next migration instead of carrying on unprotected. A daemon
 * thread, because a JVM that is exiting must not be kept alive by a lock it is giving up.
 */
final class Heartbeat implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Heartbeat.class);

	private static final long STOP_WAIT_SECONDS = 10;

	private final ScheduledExecutorService executor;

	private final String lockName;

	private volatile String lost;

	/**
	 * Starts beating.
	 * @param lockName the lock, as named in messages
	 * @param interval the pause between beats
	 * @param beat one renewal
	 */
	Heartbeat(String lockName, Duration interval, Beat beat) {
		this.lockName = lockName;
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "migrator-lock-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long millis = interval.toMillis();
		this.executor.scheduleWithFixedDelay(() -> {
			if (this.lost != null) {
				return;
			}
			try {
				String reason = beat.renew();
				if (reason != null) {
					this.lost = reason;
					logger.error("Lost {}: {}", lockName, reason);
				}
			}
			catch (RuntimeException ex) {
				// A beat that throws would silently end the schedule; record it as a loss instead.
				this.lost = "its heartbeat failed: " + ex;
				logger.error("Lost {}", lockName, ex);
			}
		}, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Throws when a beat found the lock lost.
	 */
	void verify() {
		String reason = this.lost;
		if (reason != null) {
			throw new MigratorException(ErrorCode.LOCK_FAILED, "Lost " + this.lockName + ": " + reason
					+ ". The run stopped before its next migration so that no two processes migrate at once; "
					+ "the migrations reported as applied are committed. Run again to apply the rest.");
		}
	}

	/**
	 * Stops beating and waits for a beat in progress, so the caller may release the lock on
	 * the connection the beat uses.
	 */
	@Override
	public void close() {
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
				logger.warn("The heartbeat of {} did not stop within {} s", this.lockName, STOP_WAIT_SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One renewal of the lock.
	 */
	@FunctionalInterface
	interface Beat {

		/**
		 * Renews the lock.
		 * @return {@code null} while the lock is held, else why it was lost
		 */
		String renew();

	}

}
