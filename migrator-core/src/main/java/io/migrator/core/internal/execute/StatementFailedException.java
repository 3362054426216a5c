package io.migrator.core.internal.execute;

/**
 * A migration failed while it ran. Internal: the engine turns it into a
 * {@link io.migrator.core.MigrationFailedException} with the whole story.
 */
public final class StatementFailedException extends Exception {

	private final ExecutionPoint point;

	private final String sqlState;

	private final int committedStatements;

	private final boolean connectionLost;

	private final boolean commitUncertain;

	StatementFailedException(ExecutionPoint point, String sqlState, String message, int committedStatements,
			boolean connectionLost, boolean commitUncertain, Throwable cause) {
		super(message, cause);
		this.point = point;
		this.sqlState = sqlState;
		this.committedStatements = committedStatements;
		this.connectionLost = connectionLost;
		this.commitUncertain = commitUncertain;
	}

	/**
	 * Returns where the failure happened.
	 * @return the point
	 */
	public ExecutionPoint point() {
		return this.point;
	}

	/**
	 * Returns the 1-based statement number, 0 when the failure was not in a statement.
	 * @return the statement number
	 */
	public int statementNumber() {
		return this.point.statementNumber();
	}

	/**
	 * Returns the 1-based line where the statement starts, 0 when unknown.
	 * @return the line
	 */
	public int line() {
		return this.point.line();
	}

	/**
	 * Returns the SQLState, or {@code null}.
	 * @return the SQLState
	 */
	public String sqlState() {
		return this.sqlState;
	}

	/**
	 * Returns how many statements before the failed one were committed (NO TRANSACTION).
	 * @return the count, 0 in a transaction
	 */
	public int committedStatements() {
		return this.committedStatements;
	}

	/**
	 * Returns whether statements before the failed one were committed (NO TRANSACTION).
	 * @return whether the database holds part of the migration
	 */
	public boolean partiallyCommitted() {
		return this.committedStatements > 0;
	}

	/**
	 * Returns whether the connection to the database was lost: nothing more can be sent on
	 * it, the history included.
	 * @return whether the connection is gone
	 */
	public boolean connectionLost() {
		return this.connectionLost;
	}

	/**
	 * Returns whether the connection broke after COMMIT was sent, so that only the database
	 * knows whether the migration was committed.
	 * @return whether the outcome is unknown
	 */
	public boolean commitUncertain() {
		return this.commitUncertain;
	}

}
