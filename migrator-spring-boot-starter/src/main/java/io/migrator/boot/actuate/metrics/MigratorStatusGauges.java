package io.migrator.boot.actuate.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.migrator.core.MigrationListener;
import io.migrator.core.Migrator;
import io.migrator.core.RunResult;
import io.migrator.core.StatusReport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Gauges {@value #SCHEMA_VERSION} and {@value #PENDING} per {@link Migrator} bean (tag
 * {@code name}). Both read one cached status, re-read at most once per
 * {@code maxAge} and right after every run, so a scrape costs at most one query.
 */
public class MigratorStatusGauges implements SmartInitializingSingleton, MigrationListener {

	/** The gauge of the current schema version. */
	public static final String SCHEMA_VERSION = "migrator.schema.version";

	/** The gauge of the number of pending migrations. */
	public static final String PENDING = "migrator.migrations.pending";

	private static final Log logger = LogFactory.getLog(MigratorStatusGauges.class);

	private final MeterRegistry registry;

	private final ListableBeanFactory beanFactory;

	private final Duration maxAge;

	private final Clock clock;

	private final Map<String, CachedStatus> statuses = new ConcurrentHashMap<>();

	/**
	 * Creates the gauges; they are registered once all singletons exist.
	 * @param registry where to register
	 * @param beanFactory where to find the migrators
	 * @param maxAge how long a status read from the database is reused
	 */
	public MigratorStatusGauges(MeterRegistry registry, ListableBeanFactory beanFactory, Duration maxAge) {
		this(registry, beanFactory, maxAge, Clock.systemUTC());
	}

	MigratorStatusGauges(MeterRegistry registry, ListableBeanFactory beanFactory, Duration maxAge, Clock clock) {
		this.registry = registry;
		this.beanFactory = beanFactory;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.beanFactory.getBeansOfType(Migrator.class).forEach(this::register);
	}

	private void register(String name, Migrator migrator) {
		CachedStatus status = new CachedStatus(migrator);
		this.statuses.put(name, status);
		gauge(SCHEMA_VERSION, "The highest applied migration version", name, status,
				(cached) -> cached.read(StatusReport::currentVersion));
		gauge(PENDING, "The number of migrations not applied yet", name, status,
				(cached) -> cached.read(StatusReport::pendingCount));
	}

	private void gauge(String meter, String description, String name, CachedStatus status,
			ToDoubleFunction<CachedStatus> value) {
		Gauge.builder(meter, status, value).description(description).tag("name", name).register(this.registry);
	}

	/**
	 * Forgets the cached statuses, so that the next scrape reads them again.
	 */
	public void refresh() {
		this.statuses.values().forEach(CachedStatus::invalidate);
	}

	@Override
	public void afterRun(RunResult result) {
		refresh();
	}

	private final class CachedStatus {

		private final Migrator migrator;

		private volatile StatusReport report;

		private volatile Instant readAt = Instant.MIN;

		CachedStatus(Migrator migrator) {
			this.migrator = migrator;
		}

		double read(ToDoubleFunction<StatusReport> value) {
			StatusReport current = current();
			return (current != null) ? value.applyAsDouble(current) : Double.NaN;
		}

		synchronized StatusReport current() {
			Instant now = MigratorStatusGauges.this.clock.instant();
			if (this.report == null || this.readAt.plus(MigratorStatusGauges.this.maxAge).isBefore(now)) {
				try {
					this.report = this.migrator.status();
					this.readAt = now;
				}
				catch (RuntimeException ex) {
					logger.debug("Could not read the migration status for metrics", ex);
					this.report = null;
				}
			}
			return this.report;
		}

		synchronized void invalidate() {
			this.report = null;
		}

	}

}
