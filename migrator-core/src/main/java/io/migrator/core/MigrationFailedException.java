package io.migrator.core;

import java.util.Objects;

/**
 * A migration failed while running. Carries what the run applied before the failure and
 * exactly where the failure happened.
 */
public class MigrationFailedException extends MigratorException {

	private final RunResult partialResult;

	private final MigrationResult failedMigration;

	private final FailureLocation location;

	private final Aftermath aftermath;

	public MigrationFailedException(String message, RunResult partialResult, MigrationResult failedMigration,
			FailureLocation location, Aftermath aftermath, Throwable cause) {
		super(ErrorCode.MIGRATION_FAILED, message, cause);
		this.partialResult = partialResult;
		this.failedMigration = failedMigration;
		this.location = location;
		this.aftermath = Objects.requireNonNull(aftermath, "'aftermath' must not be null");
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
	 * Returns what of the failed migration is in the database now. The message says the
	 * same in words; tools decide on this instead of reading the wording.
	 * @return what the failure left behind
	 */
	public Aftermath getAftermath() {
		return this.aftermath;
	}

	/**
	 * What a failed migration left in the database.
	 */
	public enum Aftermath {

		/**
		 * It ran in a transaction that was not committed: nothing of it stayed, and running
		 * it again once fixed is safe.
		 */
		ROLLED_BACK,

		/**
		 * It ran without a transaction ({@code NO TRANSACTION}) and failed before any of its
		 * statements was committed: nothing of it stayed.
		 */
		NOTHING_COMMITTED,

		/**
		 * It ran without a transaction and the history marks it incomplete: some of its
		 * statements may be committed. Later runs refuse until a human checks the schema
		 * and runs {@code repair}.
		 */
		INCOMPLETE,

		/**
		 * The run cannot tell: the connection broke after {@code COMMIT} was sent, or a Java
		 * migration ended its transaction itself. {@code status} shows what is recorded.
		 */
		UNKNOWN

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
