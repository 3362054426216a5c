package io.migrator.core.internal.execute;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, while a long migration runs, which one it is and how long it has run so far.
 * One daemon thread per run; nothing is started for runs with nothing to do.
 */
public final class ProgressReporter implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ProgressReporter.class);

	private final Duration interval;

	private final ScheduledExecutorService scheduler;

	private final Supplier<String> waitingFor;

	private ScheduledFuture<?> current;

	public ProgressReporter(Duration interval) {
		this(interval, () -> null);
	}

	/**
	 * Creates a reporter whose lines also say what the migration waits for, if anything.
	 * @param interval the pause between lines
	 * @param waitingFor describes what blocks the migration, {@code null} when nothing
	 */
	public ProgressReporter(Duration interval, Supplier<String> waitingFor) {
		this.interval = interval;
		this.waitingFor = waitingFor;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "migrator-progress");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts reporting one migration.
	 * @param what e.g. {@code "version 42 (add index) up"}
	 */
	public synchronized void start(String what) {
		stop();
		long started = System.nanoTime();
		long millis = this.interval.toMillis();
		this.current = this.scheduler.scheduleAtFixedRate(() -> {
			String blocked = this.waitingFor.get();
			logger.info("Still running {}: {} s so far{}", what,
					TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), (blocked != null) ? "; " + blocked : "");
		}, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops reporting the current migration.
	 */
	public synchronized void stop() {
		if (this.current != null) {
			this.current.cancel(false);
			this.current = null;
		}
	}

	@Override
	public void close() {
		stop();
		this.scheduler.shutdownNow();
	}

}
