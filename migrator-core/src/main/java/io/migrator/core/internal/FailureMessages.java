package io.migrator.core.internal;

import io.migrator.core.Direction;
import io.migrator.core.MigrationFailedException;
import io.migrator.core.MigrationFailedException.FailureLocation;
import io.migrator.core.MigrationResult;
import io.migrator.core.RunResult;
import io.migrator.core.internal.dialect.SqlErrors;
import io.migrator.core.internal.execute.StatementFailedException;
import io.migrator.core.internal.source.MigrationSource;

/**
 * Writes the message of a failed migration: what failed, where, what state the database
 * is in now, and what to do.
 */
final class FailureMessages {

	private FailureMessages() {
	}

	static MigrationFailedException migrationFailed(MigrationSource source, Direction direction,
			boolean transactional, StatementFailedException failure, RunResult partial, MigrationResult failed) {
		String way = (direction == Direction.UP) ? "apply" : "undo";
		StringBuilder message = new StringBuilder();
		message.append("Migration ")
			.append(source.version())
			.append(" (")
			.append(source.description())
			.append(") failed to ")
			.append(way)
			.append(": ")
			.append(where(source, failure))
			.append(": ")
			.append(failure.getMessage());
		if (failure.sqlState() != null) {
			message.append(" [SQLState ").append(failure.sqlState()).append(']');
		}
		message.append(SqlErrors.hint(failure.sqlState(), failure.getMessage()));
		message.append(". ");
		if (transactional) {
			message.append("Its transaction was rolled back: nothing of version ")
				.append(source.version())
				.append(" changed. ");
		}
		else if (failure.partiallyCommitted()) {
			message.append("It runs without a transaction and the statements before the failed one were committed");
			if (direction == Direction.UP) {
				message.append(", so version ")
					.append(source.version())
					.append(" is marked incomplete and blocks later runs. Check the schema, finish or undo those "
							+ "statements by hand, then run 'repair' and run again.");
			}
			else {
				message.append(". Check the schema and finish undoing it by hand.");
			}
		}
		else {
			message.append("It runs without a transaction; nothing of it was committed. ");
		}
		long succeeded = partial.migrations().stream().filter((result) -> !result.failed()).count();
		if (succeeded > 0) {
			// The sentences above end with ". " except the one about committed statements.
			if (message.charAt(message.length() - 1) != ' ') {
				message.append(' ');
			}
			message.append(succeeded).append(" migration(s) before it in this run succeeded and stay. ");
		}
		if (transactional || !failure.partiallyCommitted()) {
			message.append("Fix the migration and run again.");
		}
		FailureLocation location = new FailureLocation(source.version(), source.name(), failure.statementNumber(),
				failure.line(), failure.sqlState(), failure.getMessage());
		return new MigrationFailedException(message.toString().trim(), partial, failed, location, failure.getCause());
	}

	static String where(MigrationSource source, StatementFailedException failure) {
		StringBuilder where = new StringBuilder(source.name());
		if (failure.statementNumber() > 0) {
			where.append(", statement ").append(failure.statementNumber());
		}
		if (failure.line() > 0) {
			where.append(" at line ").append(failure.line());
		}
		return where.toString();
	}

}
