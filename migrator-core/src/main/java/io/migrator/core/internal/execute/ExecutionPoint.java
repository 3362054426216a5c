package io.migrator.core.internal.execute;

import java.util.List;

import io.migrator.core.internal.parse.SqlStatement;

/**
 * Where in a migration's execution something happened: a statement of the file, the Java
 * code, or one of the writes migrator adds around them. Batch entries carry one each, so a
 * failed batch entry is named without running anything again.
 *
 * @param kind what was running
 * @param statementNumber the 1-based statement number, 0 when not a statement
 * @param line the 1-based line where the statement starts, 0 when not a statement
 * @param lastStatementNumber the last statement of a range ({@link Kind#SOME_STATEMENT}),
 * else equal to {@code statementNumber}
 * @param lastLine the line of the range's last statement, else equal to {@code line}
 * @param block whether the statement is a StatementBegin/StatementEnd block
 * @param emptiedVariables the ENVSUB variables the statement had no value for, replaced by
 * nothing, for the message of a failure there
 */
public record ExecutionPoint(Kind kind, int statementNumber, int line, int lastStatementNumber, int lastLine,
		boolean block, List<String> emptiedVariables) {

	static final ExecutionPoint HISTORY_CLAIM = of(Kind.HISTORY_CLAIM);

	static final ExecutionPoint HISTORY_WRITE = of(Kind.HISTORY_WRITE);

	static final ExecutionPoint COMMIT = of(Kind.COMMIT);

	static final ExecutionPoint JAVA_CODE = of(Kind.JAVA_CODE);

	static final ExecutionPoint TRANSACTION_START = of(Kind.TRANSACTION_START);

	static ExecutionPoint of(SqlStatement statement) {
		return new ExecutionPoint(Kind.STATEMENT, statement.number(), statement.line(), statement.number(),
				statement.line(), statement.block(), statement.emptiedVariables());
	}

	/** The check, after a Java migration's code, that it left the migration's transaction open. */
	static final ExecutionPoint TRANSACTION_CHECK_AFTER_JAVA = of(Kind.TRANSACTION_CHECK);

	static ExecutionPoint range(ExecutionPoint first, ExecutionPoint last) {
		if (first.statementNumber() == last.statementNumber()) {
			return first;
		}
		return new ExecutionPoint(Kind.SOME_STATEMENT, first.statementNumber(), first.line(),
				last.statementNumber(), last.line(), false, List.of());
	}

	private static ExecutionPoint of(Kind kind) {
		return new ExecutionPoint(kind, 0, 0, 0, 0, false, List.of());
	}

	/**
	 * Describes the point for a message, e.g. {@code statement 3 at line 12} or
	 * {@code the history write}.
	 * @return the description
	 */
	public String describe() {
		return switch (this.kind) {
			case STATEMENT -> "statement " + this.statementNumber
					+ (this.block ? " (a StatementBegin/StatementEnd block)" : "") + " at line " + this.line;
			case SOME_STATEMENT -> "one of statements " + this.statementNumber + " to " + this.lastStatementNumber
					+ " (lines " + this.line + " to " + this.lastLine + "; the driver did not say which)";
			case TRANSACTION_CHECK -> "the check that its Java code left the migration's transaction open";
			case HISTORY_CLAIM -> "the lock on the history table taken before its first statement";
			case HISTORY_WRITE -> "the write of its history row";
			case COMMIT -> "COMMIT, after its last statement (a deferred constraint or trigger fired at commit)";
			case JAVA_CODE -> "its Java code";
			case TRANSACTION_START -> "the start of its transaction";
		};
	}

	/**
	 * What was running.
	 */
	public enum Kind {

		/** A statement (or StatementBegin/End block) of the file. */
		STATEMENT,

		/** A statement of a known range of the file, when the driver did not say which one. */
		SOME_STATEMENT,

		/** The check that a Java migration's code left the migration's transaction open. */
		TRANSACTION_CHECK,

		/** The lock on the history table that opens every migration transaction. */
		HISTORY_CLAIM,

		/** The history row's insert, update or delete. */
		HISTORY_WRITE,

		/** The COMMIT of the migration's transaction. */
		COMMIT,

		/** A Java migration's code. */
		JAVA_CODE,

		/** Opening the transaction or the statement, before anything of the migration ran. */
		TRANSACTION_START

	}

}
