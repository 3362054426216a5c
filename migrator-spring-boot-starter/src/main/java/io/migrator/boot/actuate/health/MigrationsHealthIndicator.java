package io.migrator.boot.actuate.health;

import java.util.List;
import java.util.Map;

import io.migrator.boot.actuate.health.MigrationRunTracker.LastFailure;
import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationState;
import io.migrator.core.Migrator;
import io.migrator.core.StatusReport;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the schema managed by a {@link Migrator}: UP when every migration is applied
 * and consistent, DOWN when one is incomplete or modified or the last run failed,
 * OUT_OF_SERVICE while migrations are pending.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

	private final Migrator migrator;

	private final MigrationRunTracker tracker;

	/**
	 * Creates an indicator.
	 * @param migrator the migrator whose schema to report
	 * @param tracker the last run's outcome, or {@code null} when not tracked
	 */
	public MigrationsHealthIndicator(Migrator migrator, MigrationRunTracker tracker) {
		super("Migration status check failed");
		this.migrator = migrator;
		this.tracker = tracker;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		StatusReport status = this.migrator.status();
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
			.withDetail("counts", Map.of("applied", status.countIn(MigrationState.APPLIED), "pending",
					status.pendingCount(), "incomplete", (long) incomplete.size(), "modified", (long) modified.size(),
					"missing", status.countIn(MigrationState.MISSING)));
		detail(builder, "pending", pending);
		detail(builder, "outOfOrder", outOfOrder);
		detail(builder, "incomplete", incomplete);
		detail(builder, "modified", modified);
		if (lastFailure != null) {
			builder.withDetail("lastRunFailed", lastFailure);
		}
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
