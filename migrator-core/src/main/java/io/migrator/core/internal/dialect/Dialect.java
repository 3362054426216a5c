package io.migrator.core.internal.dialect;

import java.sql.SQLException;

/**
 * What differs between databases: identifier quoting, the history table's SQL, and how
 * errors are recognised. One implementation per database product.
 */
public interface Dialect {

	/**
	 * Returns the product name shown in messages.
	 * @return e.g. {@code PostgreSQL}
	 */
	String name();

	/**
	 * Quotes an identifier that was already validated as letters, digits and underscores.
	 * @param identifier the identifier
	 * @return the quoted identifier
	 */
	String quote(String identifier);

	/**
	 * Returns a table name qualified with its schema, both quoted.
	 * @param schema the schema, or {@code null} for the connection's current schema
	 * @param table the table
	 * @return the qualified name
	 */
	default String qualify(String schema, String table) {
		return (schema != null) ? quote(schema) + "." + quote(table) : quote(table);
	}

	/**
	 * Returns a SQL string literal for any text.
	 * @param value the text
	 * @return the literal, quotes escaped
	 */
	String literal(String value);

	/**
	 * Returns the statement creating a schema when it does not exist.
	 * @param schema the schema
	 * @return the SQL
	 */
	String createSchema(String schema);

	/**
	 * Returns the statement creating the history table when it does not exist.
	 * @param table the qualified table name
	 * @return the SQL
	 */
	String createHistoryTable(String table);

	/**
	 * Returns the SQL expression for the milliseconds since the current transaction began,
	 * so a history row written in the migration's own transaction records its duration
	 * without another round trip.
	 * @return the SQL expression
	 */
	String millisecondsSinceTransactionStart();

	/**
	 * Returns the SQL expression for the current time, as the history's applied time.
	 * @return the SQL expression
	 */
	String currentTimestamp();

	/**
	 * Returns whether an exception says that a table (or its schema) does not exist.
	 * @param exception the exception
	 * @return whether the table is missing
	 */
	boolean isUndefinedTable(SQLException exception);

	/**
	 * Returns whether transaction-scoped advisory locks exist on this database.
	 * @return whether {@code ADVISORY} is possible
	 */
	boolean supportsAdvisoryLocks();

	/**
	 * Returns the statement that makes the current transaction READ COMMITTED, so a lock
	 * transaction held open for a whole run keeps no snapshot that {@code CREATE INDEX
	 * CONCURRENTLY} would wait for, whatever {@code default_transaction_isolation} says.
	 * @return the SQL; the first statement of the transaction
	 */
	String readCommittedTransaction();

	/**
	 * Returns the query that tries to take a transaction-scoped advisory lock; one boolean
	 * column. The key is a literal, so the statement is self-contained.
	 * @param key the lock key
	 * @return the SQL
	 */
	String tryAdvisoryTransactionLock(long key);

	/**
	 * Returns the statement(s) run in the open lock transaction right after the lock and
	 * then as its heartbeat: they switch off the server's idle-in-transaction (and
	 * transaction) timeouts for this transaction only, and take no snapshot.
	 * @param serverMajorVersion the server's major version
	 * @return the SQL, possibly several statements separated by semicolons
	 */
	String keepLockTransactionOpen(int serverMajorVersion);

	/**
	 * Returns the statement creating the lease table of the {@code TABLE} lock strategy
	 * when it does not exist: one row per held lease.
	 * @param table the qualified table name
	 * @return the SQL
	 */
	String createLockTable(String table);

	/**
	 * Returns ONE atomic statement that takes the lease when there is none or the present
	 * one has expired; it returns a row only when the lease was taken: the owner whose
	 * expired lease was taken over and its expiry, both null when there was none.
	 * @param table the qualified lock table
	 * @param owner the new owner
	 * @param leaseMillis how long the lease lives without renewal
	 * @return the SQL
	 */
	String acquireLease(String table, String owner, long leaseMillis);

	/**
	 * Returns the query reading the present lease: owner, acquired_at, expires_at.
	 * @param table the qualified lock table
	 * @return the SQL
	 */
	String readLease(String table);

	/**
	 * Returns the statement extending the lease of an owner; it updates no row when the
	 * owner no longer holds it.
	 * @param table the qualified lock table
	 * @param owner the owner
	 * @param leaseMillis the new lifetime from now
	 * @return the SQL
	 */
	String renewLease(String table, String owner, long leaseMillis);

	/**
	 * Returns the statement deleting the lease of an owner, never another owner's.
	 * @param table the qualified lock table
	 * @param owner the owner
	 * @return the SQL
	 */
	String releaseLease(String table, String owner);

	/**
	 * Returns whether an exception says an object being created already exists, as when
	 * two processes run {@code CREATE ... IF NOT EXISTS} at the same moment.
	 * @param exception the exception
	 * @return whether it was a concurrent create
	 */
	boolean isConcurrentCreate(SQLException exception);

	/**
	 * Returns the statement a migration transaction starts with to claim the history table:
	 * a table lock that other writers share but {@link #awaitHistoryWriters} waits for.
	 * @param table the qualified history table
	 * @return the SQL
	 */
	String claimHistory(String table);

	/**
	 * Returns a statement that returns no rows and fails with SQLState
	 * {@link #TRANSACTION_ENDED} when the current transaction does not hold the claim of
	 * {@link #claimHistory}: a statement sent since the claim ended the transaction it ran in.
	 * @param table the qualified history table
	 * @return the SQL
	 */
	String requireHistoryClaim(String table);

	/** The SQLState of {@link #requireHistoryClaim}'s failure. */
	String TRANSACTION_ENDED = "MG001";

	/**
	 * Returns the statement that waits, inside a transaction, until no transaction holds
	 * the claim of {@link #claimHistory}.
	 * @param table the qualified history table
	 * @return the SQL
	 */
	String awaitHistoryWriters(String table);

	/**
	 * Returns the statement that bounds, for the rest of the current transaction, how long
	 * a statement waits for a table lock.
	 * @param timeout the longest wait
	 * @return the SQL
	 */
	String limitLockWait(java.time.Duration timeout);

	/**
	 * Returns whether an exception says that a lock wait hit the limit of
	 * {@link #limitLockWait}.
	 * @param exception the exception
	 * @return whether the wait timed out
	 */
	boolean isLockWaitTimeout(SQLException exception);

}
