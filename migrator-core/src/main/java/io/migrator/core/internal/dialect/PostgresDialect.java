package io.migrator.core.internal.dialect;

import java.sql.SQLException;

/**
 * PostgreSQL (9.6 and later).
 */
public final class PostgresDialect implements Dialect {

	private static final String UNDEFINED_TABLE = "42P01";

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final String INVALID_SCHEMA_NAME = "3F000";

	private static final String UNIQUE_VIOLATION = "23505";

	private static final String DUPLICATE_TABLE = "42P07";

	private static final String DUPLICATE_SCHEMA = "42P06";

	private static final String DUPLICATE_OBJECT = "42710";

	@Override
	public String name() {
		return "PostgreSQL";
	}

	@Override
	public String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	@Override
	public String literal(String value) {
		// E'' keeps backslashes literal whatever standard_conforming_strings says.
		if (value.indexOf('\\') >= 0) {
			return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
		}
		return "'" + value.replace("'", "''") + "'";
	}

	@Override
	public String createSchema(String schema) {
		return "CREATE SCHEMA IF NOT EXISTS " + quote(schema);
	}

	@Override
	public String createHistoryTable(String table) {
		return "CREATE TABLE IF NOT EXISTS " + table + " ("
				+ "version BIGINT NOT NULL PRIMARY KEY, "
				+ "description VARCHAR(512) NOT NULL, "
				+ "type VARCHAR(16) NOT NULL, "
				+ "checksum VARCHAR(64), "
				+ "state VARCHAR(16) NOT NULL, "
				+ "applied_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "
				+ "execution_ms BIGINT NOT NULL DEFAULT 0, "
				+ "applied_by VARCHAR(128) NOT NULL DEFAULT current_user)";
	}

	@Override
	public String millisecondsSinceTransactionStart() {
		return "CAST(EXTRACT(EPOCH FROM (clock_timestamp() - now())) * 1000 AS BIGINT)";
	}

	@Override
	public String currentTimestamp() {
		return "clock_timestamp()";
	}

	@Override
	public boolean isUndefinedTable(SQLException exception) {
		String state = exception.getSQLState();
		return UNDEFINED_TABLE.equals(state) || INVALID_SCHEMA_NAME.equals(state);
	}

	@Override
	public boolean supportsAdvisoryLocks() {
		return true;
	}

	@Override
	public String readCommittedTransaction() {
		return "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
	}

	@Override
	public String tryAdvisoryTransactionLock(long key) {
		return "SELECT pg_try_advisory_xact_lock(" + key + ")";
	}

	@Override
	public String keepLockTransactionOpen(int serverMajorVersion) {
		// SET is a utility statement that takes no snapshot, so the heartbeat never leaves
		// an xmin that CREATE INDEX CONCURRENTLY on another connection would wait for.
		String sql = "SET LOCAL idle_in_transaction_session_timeout = 0";
		return (serverMajorVersion >= 17) ? sql + "; SET LOCAL transaction_timeout = 0" : sql;
	}

	@Override
	public String createLockTable(String table) {
		return "CREATE TABLE IF NOT EXISTS " + table + " ("
				+ "id INT NOT NULL PRIMARY KEY, "
				+ "owner VARCHAR(512) NOT NULL, "
				+ "acquired_at TIMESTAMP WITH TIME ZONE NOT NULL, "
				+ "expires_at TIMESTAMP WITH TIME ZONE NOT NULL)";
	}

	@Override
	public String acquireLease(String table, String owner, long leaseMillis) {
		// The server's clock alone decides expiry, so clock skew between hosts cannot let
		// two owners in. ON CONFLICT locks the row, so exactly one of racing takers wins.
		return "WITH previous AS (SELECT owner, expires_at FROM " + table + " WHERE id = 1) "
				+ "INSERT INTO " + table + " AS l (id, owner, acquired_at, expires_at) VALUES (1, " + literal(owner)
				+ ", clock_timestamp(), clock_timestamp() + " + interval(leaseMillis) + ") "
				+ "ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at, "
				+ "expires_at = excluded.expires_at WHERE l.expires_at < clock_timestamp() "
				+ "RETURNING (SELECT owner FROM previous WHERE expires_at < clock_timestamp()), "
				+ "(SELECT expires_at FROM previous WHERE expires_at < clock_timestamp())";
	}

	@Override
	public String readLease(String table) {
		return "SELECT owner, acquired_at, expires_at, clock_timestamp() FROM " + table + " WHERE id = 1";
	}

	@Override
	public String renewLease(String table, String owner, long leaseMillis) {
		return "UPDATE " + table + " SET expires_at = clock_timestamp() + " + interval(leaseMillis)
				+ " WHERE id = 1 AND owner = " + literal(owner);
	}

	@Override
	public String releaseLease(String table, String owner) {
		return "DELETE FROM " + table + " WHERE id = 1 AND owner = " + literal(owner);
	}

	@Override
	public boolean isConcurrentCreate(SQLException exception) {
		// A racing CREATE TABLE IF NOT EXISTS fails on the catalog's unique index (23505) or
		// on the table's row type (42710) rather than reporting the table (42P07) or schema
		// (42P06) as existing.
		String state = exception.getSQLState();
		return UNIQUE_VIOLATION.equals(state) || DUPLICATE_OBJECT.equals(state) || DUPLICATE_TABLE.equals(state)
				|| DUPLICATE_SCHEMA.equals(state);
	}

	@Override
	public String requireHistoryClaim(String table) {
		// LOCK TABLE's lock lasts until the transaction ends, so its absence proves it ended.
		return "DO $migrator$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_locks WHERE pid = pg_backend_pid() "
				+ "AND locktype = 'relation' AND relation = " + literal(table) + "::regclass "
				+ "AND mode = 'RowExclusiveLock' AND granted) THEN RAISE EXCEPTION "
				+ "'the migration transaction ended before its history row was written' USING ERRCODE = '"
				+ TRANSACTION_ENDED + "'; END IF; END$migrator$";
	}

	@Override
	public String claimHistory(String table) {
		// ROW EXCLUSIVE is what the history INSERT or DELETE takes later anyway.
		return "LOCK TABLE " + table + " IN ROW EXCLUSIVE MODE";
	}

	@Override
	public String awaitHistoryWriters(String table) {
		// SHARE conflicts with ROW EXCLUSIVE but not with readers.
		return "LOCK TABLE " + table + " IN SHARE MODE";
	}

	@Override
	public String limitLockWait(java.time.Duration timeout) {
		return "SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis());
	}

	@Override
	public boolean isLockWaitTimeout(SQLException exception) {
		return LOCK_NOT_AVAILABLE.equals(exception.getSQLState());
	}

	private static String interval(long millis) {
		return "interval '" + millis + " milliseconds'";
	}

}
