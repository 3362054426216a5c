package io.migrator.boot.actuate.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.migrator.core.MigrationListener;
import io.migrator.core.MigrationResult;

/**
 * Records every migration in the timer {@value #MIGRATION_TIMER} where no
 * {@link MigratorObservationListener} does: tags {@code direction}, {@code outcome},
 * {@code type} and {@code error}, the same as the timer Micrometer derives from the
 * migration's observation. No version tag: one series per migration would grow without
 * bound.
 */
public class MigratorMetricsListener implements MigrationListener {

	/** The timer of single migrations. */
	public static final String MIGRATION_TIMER = "migrator.migration";

	private final MeterRegistry registry;

	/**
	 * Creates a listener.
	 * @param registry where to record
	 */
	public MigratorMetricsListener(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void afterMigration(MigrationResult result) {
		Timer.builder(MIGRATION_TIMER)
			.description("Time taken by single migrations")
			.tag("direction", result.direction().name().toLowerCase(Locale.ROOT))
			.tag("outcome", result.outcome().name().toLowerCase(Locale.ROOT))
			.tag("type", result.type().id())
			.tag("error", result.failed() ? MigratorObservationListener.FAILURE_TYPE : "none")
			.register(this.registry)
			.record(result.duration());
	}

}
