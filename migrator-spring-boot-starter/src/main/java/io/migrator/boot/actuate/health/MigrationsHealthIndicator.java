package io.migrator.boot.actuate.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.migrator.boot.actuate.health.MigrationRunTracker.LastFailure;
import io.migrator.core.Location;
import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationState;
import io.migrator.boot.source.MigrationLocations;
import io.migrator.boot.status.MigrationStatusCache;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.StatusReport;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.ClassUtils;

/**
 * Health of the schema managed by a {@link Migrator}: UP when every migration is applied
 * and consistent, DOWN when one is incomplete or modified or the last run failed,
 * OUT_OF_SERVICE while migrations are pending. Locations that hold no migration are listed
 * in the detail {@code emptyLocations}.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

	private final Migrator migrator;

	private final MigrationRunTracker tracker;

	private final MigrationStatusCache statusCache;

	// Classpath locations cannot change while the application runs: inspected once.
	private volatile List<Location> emptyClasspathLocations;

	/**
	 * Creates an indicator that reads the status on every check.
	 * @param migrator the migrator whose schema to report
	 * @param tracker the last run's outcome, or {@code null} when not tracked
	 */
	public MigrationsHealthIndicator(Migrator migrator, MigrationRunTracker tracker) {
		this(migrator, tracker, new MigrationStatusCache(Duration.ZERO));
	}

	/**
	 * Creates an indicator.
	 * @param migrator the migrator whose schema to report
	 * @param tracker the last run's outcome, or {@code null} when not tracked
	 * @param statusCache where to read the status
	 */
	public MigrationsHealthIndicator(Migrator migrator, MigrationRunTracker tracker, MigrationStatusCache statusCache) {
		super("Migration status check failed");
		this.migrator = migrator;
		this.tracker = tracker;
		this.statusCache = statusCache;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		StatusReport status = this.statusCache.status(this.migrator);
		List<Long> incomplete = versionsIn(status, MigrationState.INCOMPLETE);
		List<Long> modified = versionsIn(status, MigrationState.MODIFIED);
		List<Long> pending = versionsIn(status, MigrationState.PENDING);
		List<Long> outOfOrder = versionsIn(status, MigrationState.OUT_OF_ORDER);
		LastFailure lastFailure = (this.tracker != null) ? this.tracker.getLastFailure() : null;
		if (!incomplete.isEmpty() || !modified.isEmpty() || lastFailure != null) {
			builder.down();
		}
		else if (!pending.isEmpty() || !outOfOrder.isEmpty()) {
			builder.outOfService();
		}
		else {
			builder.up();
		}
		builder.withDetail("currentVersion", status.currentVersion())
			.withDetail("historyTable", status.historyTableExists() ? "present" : "missing")
			.withDetail("counts", counts(status, incomplete, modified));
		detail(builder, "pending", pending);
		detail(builder, "outOfOrder", outOfOrder);
		detail(builder, "incomplete", incomplete);
		detail(builder, "modified", modified);
		if (lastFailure != null) {
			builder.withDetail("lastRunFailed", lastFailure);
		}
		List<String> emptyLocations = emptyLocations();
		if (!emptyLocations.isEmpty()) {
			builder.withDetail("emptyLocations", emptyLocations);
		}
	}

	// A fixed key order, so that two reads of the same state look the same.
	private static Map<String, Long> counts(StatusReport status, List<Long> incomplete, List<Long> modified) {
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put("applied", status.countIn(MigrationState.APPLIED));
		counts.put("pending", status.pendingCount());
		counts.put("incomplete", (long) incomplete.size());
		counts.put("modified", (long) modified.size());
		counts.put("missing", status.countIn(MigrationState.MISSING));
		return counts;
	}

	private List<String> emptyLocations() {
		MigratorConfiguration configuration = this.migrator.configuration();
		ClassLoader classLoader = (configuration.source().classLoader() != null) ? configuration.source().classLoader()
				: ClassUtils.getDefaultClassLoader();
		MigrationLocations inspector = new MigrationLocations(classLoader);
		Map<Boolean, List<Location>> byKind = configuration.source()
			.locations()
			.stream()
			.collect(Collectors.partitioningBy(Location::isFilesystem));
		if (this.emptyClasspathLocations == null) {
			this.emptyClasspathLocations = inspector.empty(byKind.get(false), configuration.source().recursive());
		}
		List<Location> empty = new ArrayList<>(this.emptyClasspathLocations);
		empty.addAll(inspector.empty(byKind.get(true), configuration.source().recursive()));
		return empty.stream().map(Location::toString).toList();
	}

	private static void detail(Health.Builder builder, String key, List<Long> versions) {
		if (!versions.isEmpty()) {
			builder.withDetail(key, versions);
		}
	}

	private static List<Long> versionsIn(StatusReport status, MigrationState state) {
		return status.migrations()
			.stream()
			.filter((migration) -> migration.state() == state)
			.map(MigrationInfo::version)
			.toList();
	}

}
