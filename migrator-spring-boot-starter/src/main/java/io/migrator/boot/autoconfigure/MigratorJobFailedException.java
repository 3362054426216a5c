package io.migrator.boot.autoconfigure;

import io.migrator.core.MigratorException;

/**
 * The migration job ({@code migrator.mode=job}) failed. Thrown only when the
 * {@link MigratorJobExitHandler} did not end the process (the default does, with status
 * 1); the cause says what failed.
 */
public class MigratorJobFailedException extends RuntimeException {

	/**
	 * Creates an exception for a failed job.
	 * @param cause what failed
	 */
	public MigratorJobFailedException(MigratorException cause) {
		super("Migration job failed: " + cause.getMessage(), cause);
	}

}
