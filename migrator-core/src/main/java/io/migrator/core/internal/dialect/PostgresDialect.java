package io.migrator.core.internal.dialect;

import java.sql.SQLException;

/**
 * PostgreSQL (9.6 and later).
 */
public final class PostgresDialect implements Dialect {

	private static final String UNDEFINED_TABLE = "42P01";

	private static final String INVALID_SCHEMA_NAME = "3F000";

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
	public String tryAdvisoryLock() {
		return "SELECT pg_try_advisory_lock(?)";
	}

	@Override
	public String advisoryUnlock() {
		return "SELECT pg_advisory_unlock(?)";
	}

}
