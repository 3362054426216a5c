package io.migrator.boot.actuate.metrics;

import java.util.Locale;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.migrator.core.Direction;
import io.migrator.core.ErrorCode;
import io.migrator.core.MigrationListener;
import io.migrator.core.MigrationResult;
import io.migrator.core.MigratorException;
import io.migrator.core.RunResult;

/**
 * Wraps every run in an {@link Observation} named {@value #RUN} and every migration in one
 * named {@value #MIGRATION}, so traces show them. The migration's observation is also the
 * only per-migration timer: Micrometer's meter handler turns it into the timer
 * {@value #MIGRATION} with the low-cardinality tags {@code direction}, {@code outcome},
 * {@code type} and {@code error}; version and description are high-cardinality (spans
 * only).
 */
public class MigratorObservationListener implements MigrationListener {

	/** The observation around a run. */
	public static final String RUN = "migrator.run";

	/** The observation around one migration. */
	public static final String MIGRATION = "migrator.migration";

	/** The {@code error} tag of a failed migration. */
	static final String FAILURE_TYPE = MigratorException.class.getSimpleName();

	private final ObservationRegistry registry;

	private final ThreadLocal<Observation> run = new ThreadLocal<>();

	private final ThreadLocal<Observation> migration = new ThreadLocal<>();

	/**
	 * Creates a listener.
	 * @param registry the observation registry
	 */
	public MigratorObservationListener(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void beforeRun(String operation) {
		Observation observation = Observation.createNotStarted(RUN, this.registry)
			.contextualName("migrator " + operation)
			.lowCardinalityKeyValue("operation", operation)
			.start();
		this.run.set(observation);
	}

	@Override
	public void afterRun(RunResult result) {
		Observation observation = this.run.get();
		if (observation != null && !result.hasFailures()) {
			observation.highCardinalityKeyValue("version.before", String.valueOf(result.versionBefore()))
				.highCardinalityKeyValue("version.after", String.valueOf(result.versionAfter()))
				.stop();
			this.run.remove();
		}
	}

	@Override
	public void runFailed(String operation, MigratorException failure) {
		Observation observation = this.run.get();
		if (observation != null) {
			observation.error(failure).stop();
			this.run.remove();
		}
	}

	@Override
	public void beforeMigration(long version, String description, Direction direction) {
		Observation observation = Observation.createNotStarted(MIGRATION, this.registry)
			.contextualName("migrate " + version + " " + direction.name().toLowerCase(Locale.ROOT))
			.highCardinalityKeyValue("version", String.valueOf(version))
			.highCardinalityKeyValue("description", description)
			.parentObservation(this.run.get())
			.start();
		this.migration.set(observation);
	}

	@Override
	public void afterMigration(MigrationResult result) {
		Observation observation = this.migration.get();
		if (observation != null) {
			// Tags set at the end, so the derived timer has them all; version stays out of it.
			observation.lowCardinalityKeyValue("direction", result.direction().name().toLowerCase(Locale.ROOT))
				.lowCardinalityKeyValue("outcome", result.outcome().name().toLowerCase(Locale.ROOT))
				.lowCardinalityKeyValue("type", result.type().id());
			if (result.failed()) {
				observation.error(new MigratorException(ErrorCode.MIGRATION_FAILED, result.error()));
			}
			observation.stop();
			this.migration.remove();
		}
	}

}
