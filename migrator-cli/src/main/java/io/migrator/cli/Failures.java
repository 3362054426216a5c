package io.migrator.cli;

import java.io.UncheckedIOException;
import java.sql.SQLException;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigrationFailedException;
import io.migrator.core.MigratorException;

/**
 * Turns a failure into the CLI's exit code and message.
 */
final class Failures {

	/** Success. */
	static final int OK = 0;

	/** A migration failed, validation found a problem, or check found work left. */
	static final int FAILED = 1;

	/** Usage or configuration error: fix the command line or the environment. */
	static final int USAGE = 2;

	private Failures() {
	}

	static int exitCode(Throwable failure) {
		if (failure instanceof MigrationFailedException) {
			return FAILED;
		}
		if (failure instanceof MigratorException migratorException) {
			ErrorCode code = migratorException.getErrorCode();
			if (code == ErrorCode.INVALID_CONFIGURATION || code == ErrorCode.UNSUPPORTED_DATABASE
					|| isRejectedLogin(failure)) {
				return USAGE;
			}
			return FAILED;
		}
		return FAILED;
	}

	/**
	 * Whether the database refused the login or does not exist: wrong user, password or
	 * database name are configuration errors. An unreachable server is not (it may come
	 * back), so it stays exit code 1.
	 */
	private static boolean isRejectedLogin(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"))) {
				return true;
			}
		}
		return false;
	}

	static String code(Throwable failure) {
		if (failure instanceof MigratorException migratorException) {
			return migratorException.getErrorCode().name();
		}
		return "UNEXPECTED";
	}

	static String message(Throwable failure) {
		if (failure instanceof MigratorException || failure instanceof UncheckedIOException) {
			return failure.getMessage();
		}
		return "Unexpected " + failure.getClass().getName() + ": " + failure.getMessage()
				+ ". Run again with --verbose for the stack trace and report it.";
	}

}
