package io.migrator.core;

/**
 * Callbacks around runs and migrations, for metrics, tracing and custom logging. Every
 * method does nothing by default. Called on the migrating thread; an exception thrown
 * here fails the run.
 */
public interface MigrationListener {

	/**
	 * Called before an operation that may change the database starts.
	 * @param operation the operation, e.g. {@code up}
	 */
	default void beforeRun(String operation) {
	}

	/**
	 * Called after an operation ends, successfully or not.
	 * @param result what the run did; on failure its last migration is the failed one
	 */
	default void afterRun(RunResult result) {
	}

	/**
	 * Called when an operation fails, after {@link #afterRun(RunResult)}.
	 * @param operation the operation, e.g. {@code up}
	 * @param failure what went wrong
	 */
	default void runFailed(String operation, MigratorException failure) {
	}

	/**
	 * Called before one migration runs.
	 * @param version the version
	 * @param description the description
	 * @param direction which way it runs
	 */
	default void beforeMigration(long version, String description, Direction direction) {
	}

	/**
	 * Called after one migration ran, successfully or not.
	 * @param result what happened, with duration and error
	 */
	default void afterMigration(MigrationResult result) {
	}

}
