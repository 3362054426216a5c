package io.migrator.cli;

import java.sql.SQLException;
import java.util.Map;

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

	/**
	 * Describes a failure for the JSON output.
	 * @param failure the failure
	 * @param exitCode its exit code
	 * @param message its masked message
	 * @return the {@code error} object
	 */
	static Map<String, Object> describe(Throwable failure, int exitCode, String message) {
		Map<String, Object> error = Json.object();
		error.put("code", code(failure));
		error.put("exitCode", exitCode);
		error.put("message", message);
		if (failure instanceof MigrationFailedException migrationFailed && migrationFailed.getLocation() != null) {
			MigrationFailedException.FailureLocation location = migrationFailed.getLocation();
			error.put("version", location.version());
			error.put("source", location.source());
			error.put("statementNumber", location.statementNumber());
			error.put("line", location.line());
			error.put("sqlState", location.sqlState());
		}
		return error;
	}

	static String message(Throwable failure) {
		if (failure instanceof MigratorException) {
			return failure.getMessage();
		}
		return "Unexpected " + failure.getClass().getName() + ": " + failure.getMessage()
				+ ". Run again with --verbose for the stack trace and report it.";
	}

}
