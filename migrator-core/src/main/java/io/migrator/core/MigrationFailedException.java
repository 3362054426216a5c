package io.migrator.core;

/**
 * A migration failed while running. Carries what the run applied before the failure and
 * exactly where the failure happened.
 */
public class MigrationFailedException extends MigratorException {

	private final RunResult partialResult;

	private final MigrationResult failedMigration;

	private final FailureLocation location;

	public MigrationFailedException(String message, RunResult partialResult, MigrationResult failedMigration,
			FailureLocation location, Throwable cause) {
		super(ErrorCode.MIGRATION_FAILED, message, cause);
		this.partialResult = partialResult;
		this.failedMigration = failedMigration;
		this.location = location;
	}

	/**
	 * Returns the run up to and including the failed migration.
	 * @return the partial result; its last migration is the failed one
	 */
	public RunResult getPartialResult() {
		return this.partialResult;
	}

	/**
	 * Returns the failed migration.
	 * @return the failed migration's result
	 */
	public MigrationResult getFailedMigration() {
		return this.failedMigration;
	}

	/**
	 * Returns where the failure happened.
	 * @return the location: source, statement, line, SQLState, database message
	 */
	public FailureLocation getLocation() {
		return this.location;
	}

	/**
	 * Where a migration failed.
	 *
	 * @param version the version
	 * @param source the file or class of the migration
	 * @param statementNumber the 1-based statement number, or 0 when the failure was not in a
	 * statement of the file (a Java migration, the history write, COMMIT)
	 * @param line the 1-based line where the statement starts, or 0 when not in a statement
	 * @param sqlState the SQLState reported by the database, or {@code null}
	 * @param databaseMessage the database's (or the Java migration's) message
	 */
	public record FailureLocation(long version, String source, int statementNumber, int line, String sqlState,
			String databaseMessage) {
	}

}
