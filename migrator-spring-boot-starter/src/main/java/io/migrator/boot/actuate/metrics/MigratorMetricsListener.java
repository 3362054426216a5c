package io.migrator.boot.actuate.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.migrator.core.MigrationListener;
import io.migrator.core.MigrationResult;
import io.migrator.core.RunResult;

/**
 * Records every migration in the timer {@value #MIGRATION_TIMER} (tags {@code version},
 * {@code direction}, {@code outcome}) and refreshes the status gauges after each run.
 */
public class MigratorMetricsListener implements MigrationListener {

	/** The timer of single migrations. */
	public static final String MIGRATION_TIMER = "migrator.migration";

	private final MeterRegistry registry;

	private final MigratorStatusGauges gauges;

	/**
	 * Creates a listener.
	 * @param registry where to record
	 * @param gauges the gauges to refresh after each run, or {@code null}
	 */
	public MigratorMetricsListener(MeterRegistry registry, MigratorStatusGauges gauges) {
		this.registry = registry;
		this.gauges = gauges;
	}

	@Override
	public void afterMigration(MigrationResult result) {
		Timer.builder(MIGRATION_TIMER)
			.description("Time taken by single migrations")
			.tag("version", String.valueOf(result.version()))
			.tag("direction", result.direction().name().toLowerCase(Locale.ROOT))
			.tag("outcome", result.outcome().name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.record(result.duration());
	}

	@Override
	public void afterRun(RunResult result) {
		if (this.gauges != null) {
			this.gauges.refresh();
		}
	}

}
