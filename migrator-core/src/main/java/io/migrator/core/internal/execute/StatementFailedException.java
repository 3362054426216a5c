package io.migrator.core.internal.execute;

/**
 * One statement of a migration failed. Internal: the engine turns it into a
 * {@link io.migrator.core.MigrationFailedException} with the whole story.
 */
public final class StatementFailedException extends Exception {

	private final int statementNumber;

	private final int line;

	private final String sqlState;

	private final boolean partiallyCommitted;

	StatementFailedException(int statementNumber, int line, String sqlState, String message, boolean partiallyCommitted,
			Throwable cause) {
		super(message, cause);
		this.statementNumber = statementNumber;
		this.line = line;
		this.sqlState = sqlState;
		this.partiallyCommitted = partiallyCommitted;
	}

	/**
	 * Returns the 1-based statement number, 0 for a Java migration.
	 * @return the statement number
	 */
	public int statementNumber() {
		return this.statementNumber;
	}

	/**
	 * Returns the 1-based line where the statement starts, 0 when unknown.
	 * @return the line
	 */
	public int line() {
		return this.line;
	}

	/**
	 * Returns the SQLState, or {@code null}.
	 * @return the SQLState
	 */
	public String sqlState() {
		return this.sqlState;
	}

	/**
	 * Returns whether statements before the failed one were committed (NO TRANSACTION).
	 * @return whether the database holds part of the migration
	 */
	public boolean partiallyCommitted() {
		return this.partiallyCommitted;
	}

}
