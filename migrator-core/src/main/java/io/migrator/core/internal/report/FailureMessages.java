package io.migrator.core.internal.report;

import java.util.List;

import io.migrator.core.Direction;
import io.migrator.core.MigrationFailedException;
import io.migrator.core.MigrationFailedException.Aftermath;
import io.migrator.core.MigrationFailedException.FailureLocation;
import io.migrator.core.MigrationResult;
import io.migrator.core.RunResult;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.dialect.SqlErrors;
import io.migrator.core.internal.execute.ConnectionLoss;
import io.migrator.core.internal.execute.ExecutionPoint;
import io.migrator.core.internal.execute.StatementFailedException;
import io.migrator.core.internal.source.MigrationSource;

/**
 * Writes the message of a failed migration: what failed, where, what state the database
 * is in now, and what to do.
 */
public final class FailureMessages {

	private static final String ACTIVE_SQL_TRANSACTION = "25001";

	private static final String UNIQUE_VIOLATION = "23505";

	private FailureMessages() {
	}

	/**
	 * Writes the exception of a failed migration.
	 * @param recordedAfterwards what the history holds, read again after a lost connection,
	 * as a sentence; empty otherwise
	 */
	public static MigrationFailedException migrationFailed(MigrationSource source, Direction direction,
			boolean transactional, StatementFailedException failure, RunResult partial, MigrationResult failed,
			String recordedAfterwards) {
		String way = (direction == Direction.UP) ? "apply" : "undo";
		StringBuilder message = new StringBuilder();
		message.append("Migration ")
			.append(source.version())
			.append(" (")
			.append(source.description())
			.append(") failed to ")
			.append(way)
			.append(": ");
		if (failure.connectionLost()) {
			message.append("the connection to the database was lost during ")
				.append(where(source, failure))
				.append(": ")
				.append(ConnectionLoss.reason(failure.sqlState()))
				.append(" (")
				.append(failure.getMessage())
				.append(sqlState(failure))
				.append("). ");
		}
		else {
			message.append(where(source, failure))
				.append(": ")
				.append(failure.getMessage())
				.append(sqlState(failure))
				.append(SqlErrors.hint(failure.sqlState(), failure.getMessage()))
				.append(". ")
				.append(emptiedVariables(failure))
				.append(advice(source, transactional, failure));
		}
		message.append(transactional ? transactionState(source, failure) : autocommitState(source, direction, failure));
		message.append(recordedAfterwards);
		// Each earlier step is named by its own direction: redo undoes a version before applying it again,
		// so when the apply fails that version stays undone, whatever the failed step's direction.
		message.append(succeededBefore(partial, Direction.UP, "applied"));
		message.append(succeededBefore(partial, Direction.DOWN, "undone"));
		if (failure.connectionLost()) {
			message.append("Run again once the database is reachable; 'status' shows what is applied.");
		}
		else if (transactional || !failure.partiallyCommitted()) {
			message.append("Fix the migration and run again.");
		}
		FailureLocation location = new FailureLocation(source.version(), source.name(), failure.statementNumber(),
				failure.line(), failure.sqlState(), failure.getMessage());
		return new MigrationFailedException(message.toString().trim(), partial, failed, location,
				aftermath(transactional, failure), failure.getCause());
	}

	private static String succeededBefore(RunResult partial, Direction direction, String state) {
		List<Long> versions = partial.migrations()
			.stream()
			.filter((result) -> !result.failed() && result.direction() == direction)
			.map(MigrationResult::version)
			.toList();
		return versions.isEmpty() ? ""
				: "Version(s) " + versions + " before it in this run succeeded and stay " + state + ". ";
	}

	/**
	 * Says what {@link #transactionState} and {@link #autocommitState} say in words, for
	 * tools that must not read the wording.
	 */
	private static Aftermath aftermath(boolean transactional, StatementFailedException failure) {
		if (transactional) {
			return (transactionEndedByJavaCode(failure) || failure.commitUncertain()) ? Aftermath.UNKNOWN
					: Aftermath.ROLLED_BACK;
		}
		return (failure.partiallyCommitted() || failure.connectionLost()) ? Aftermath.INCOMPLETE
				: Aftermath.NOTHING_COMMITTED;
	}

	/**
	 * Names the file and the point in it where a migration failed.
	 * @param source the migration
	 * @param failure the failure
	 * @return e.g. {@code 00002_users.sql, statement 3 (line 12)}
	 */
	public static String where(MigrationSource source, StatementFailedException failure) {
		return source.name() + ", " + failure.point().describe();
	}

	private static String sqlState(StatementFailedException failure) {
		return (failure.sqlState() != null) ? " [SQLState " + failure.sqlState() + "]" : "";
	}

	/**
	 * Names the ENVSUB variables the failed statement had no value for: the server reports
	 * the SQL they left behind (OWNER TO ;), but the fix is to give them a value.
	 */
	private static String emptiedVariables(StatementFailedException failure) {
		StringBuilder text = new StringBuilder();
		for (String name : failure.point().emptiedVariables()) {
			text.append("ENVSUB replaced $")
				.append(name)
				.append(" with an empty string, as goose does, because ")
				.append(name)
				.append(" has no value here: set it, or write ${")
				.append(name)
				.append("?message} so that a run without it is refused before anything runs. ");
		}
		return text.toString();
	}

	/**
	 * Advice for failures whose fix lies in how the file is written, not in its SQL.
	 */
	private static String advice(MigrationSource source, boolean transactional, StatementFailedException failure) {
		if (UNIQUE_VIOLATION.equals(failure.sqlState())
				&& failure.point().kind() == ExecutionPoint.Kind.HISTORY_WRITE) {
			return "Another process recorded version " + source.version() + " meanwhile (did this run lose its "
					+ "migration lock?), or the migration itself wrote its history row: 'status' shows what is "
					+ "recorded. ";
		}
		if (!ACTIVE_SQL_TRANSACTION.equals(failure.sqlState())) {
			return "";
		}
		if (transactional) {
			return "This command cannot run inside a transaction (CREATE INDEX CONCURRENTLY, for one), and this "
					+ "migration runs in one: move it to a migration file of its own marked "
					+ "'-- +goose NO TRANSACTION', whose statements run one by one outside a transaction. ";
		}
		if (failure.point().block()) {
			return "The failing statement is a StatementBegin/StatementEnd block: goose and migrator send a block "
					+ "to the server as ONE query, and PostgreSQL runs the statements of one query as one implicit "
					+ "transaction, which a command such as CREATE INDEX CONCURRENTLY refuses. Remove "
					+ "StatementBegin/StatementEnd around it (or split the block), so that the command is sent as "
					+ "a statement of its own. ";
		}
		return "";
	}

	private static String transactionState(MigrationSource source, StatementFailedException failure) {
		if (transactionEndedByJavaCode(failure)) {
			return "Its Java code ended the migration's transaction itself (commit() or rollback() on the "
					+ "connection), so what it did was committed or rolled back without a history row: the history "
					+ "does not record version " + source.version() + ". Check the schema and undo by hand what it "
					+ "committed. Then leave transaction control to migrator, or make the migration "
					+ "non-transactional. ";
		}
		if (failure.commitUncertain()) {
			return "The connection broke after COMMIT was sent, so only the database knows whether version "
					+ source.version() + " was committed: 'status' shows whether it is applied (its history row and "
					+ "its changes were committed together, or neither). ";
		}
		if (failure.connectionLost()) {
			return "Its transaction was not committed: nothing of version " + source.version() + " is applied. ";
		}
		return "Its transaction was rolled back: nothing of version " + source.version() + " changed. ";
	}

	private static boolean transactionEndedByJavaCode(StatementFailedException failure) {
		return failure.point().kind() == ExecutionPoint.Kind.TRANSACTION_CHECK
				&& Dialect.TRANSACTION_ENDED.equals(failure.sqlState());
	}

	private static String autocommitState(MigrationSource source, Direction direction,
			StatementFailedException failure) {
		long version = source.version();
		boolean java = failure.point().kind() == ExecutionPoint.Kind.JAVA_CODE;
		String ran = java ? "its Java code may have committed part of its work"
				: (failure.committedStatements() == 1) ? "its statement 1 was committed"
						: "its statements 1 to " + failure.committedStatements() + " were committed";
		if (failure.partiallyCommitted() && direction == Direction.UP) {
			return "It runs without a transaction and " + ran + ", so version " + version
					+ " is marked incomplete and blocks later runs. Check the schema and undo those statements "
					+ "by hand (the next run applies all of the migration again: a statement finished by hand "
					+ "would run twice), then run 'repair' and run again. ";
		}
		if (failure.partiallyCommitted()) {
			return "Its Down runs without a transaction and " + ran + ", so version " + version
					+ " is marked incomplete (direction down) and blocks later runs and the startup guard. Finish "
					+ "undoing it by hand"
					+ ((failure.point().kind() == ExecutionPoint.Kind.STATEMENT) ? " (statement "
							+ (failure.committedStatements() + 1) + " and those after it did not run)" : "")
					+ ", then run 'repair': it removes the row, and version " + version + " is no longer applied. ";
		}
		if (failure.connectionLost()) {
			return "It runs without a transaction; the connection broke before its history row could be updated, "
					+ "so version " + version + " stays marked incomplete: check whether "
					+ failure.point().describe() + " took effect, then run 'repair'. ";
		}
		return "It runs without a transaction; nothing of it was committed. ";
	}

}
