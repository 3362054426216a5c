package io.migrator.boot.autoconfigure;

import io.migrator.core.MigratorException;

import org.springframework.boot.ExitCodeGenerator;

/**
 * The migration job ({@code migrator.mode=job}) failed. Makes Spring Boot exit the
 * process with status 1; the cause says what failed.
 */
public class MigratorJobFailedException extends RuntimeException implements ExitCodeGenerator {

	/**
	 * Creates an exception for a failed job.
	 * @param cause what failed
	 */
	public MigratorJobFailedException(MigratorException cause) {
		super("Migration job failed: " + cause.getMessage(), cause);
	}

	@Override
	public int getExitCode() {
		return 1;
	}

}
