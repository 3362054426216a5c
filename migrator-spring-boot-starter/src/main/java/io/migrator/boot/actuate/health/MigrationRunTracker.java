package io.migrator.boot.actuate.health;

import java.util.concurrent.atomic.AtomicReference;

import io.migrator.core.MigrationFailedException;
import io.migrator.core.MigrationListener;
import io.migrator.core.MigratorException;

/**
 * Remembers whether the last run of an operation failed, for the health contributor.
 */
public class MigrationRunTracker implements MigrationListener {

	private final AtomicReference<LastFailure> lastFailure = new AtomicReference<>();

	@Override
	public void beforeRun(String operation) {
		this.lastFailure.set(null);
	}

	@Override
	public void runFailed(String operation, MigratorException failure) {
		Long version = (failure instanceof MigrationFailedException failed && failed.getLocation() != null)
				? failed.getLocation().version() : null;
		this.lastFailure.set(new LastFailure(operation, version, failure.getErrorCode().name()));
	}

	/**
	 * Returns the failure of the last run, if it failed.
	 * @return the failure, or {@code null} when the last run succeeded or none ran
	 */
	public LastFailure getLastFailure() {
		return this.lastFailure.get();
	}

	/**
	 * A failed run.
	 *
	 * @param operation the operation, e.g. {@code up}
	 * @param version the failed version, or {@code null} when no single migration failed
	 * @param errorCode the error code
	 */
	public record LastFailure(String operation, Long version, String errorCode) {
	}

}
