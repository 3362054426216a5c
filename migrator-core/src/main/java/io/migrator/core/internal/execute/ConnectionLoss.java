package io.migrator.core.internal.execute;

import java.sql.SQLException;

/**
 * Recognises a failure that ended the connection rather than a statement, and says why in
 * an operator's words. After such a failure nothing more can be sent: not a rollback, not a
 * history write, so the messages must say what the database holds instead.
 */
public final class ConnectionLoss {

	private static final String ADMIN_SHUTDOWN = "57P01";

	private static final String CRASH_SHUTDOWN = "57P02";

	private static final String CANNOT_CONNECT_NOW = "57P03";

	private ConnectionLoss() {
	}

	/**
	 * Returns whether the exception, or one chained to it, reports a lost connection.
	 * @param exception the failure
	 * @return whether the connection is gone
	 */
	static boolean isLost(SQLException exception) {
		for (SQLException each = exception; each != null; each = each.getNextException()) {
			if (isLostState(each.getSQLState())) {
				return true;
			}
			if (each.getCause() instanceof SQLException cause && isLostState(cause.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	static boolean isLostState(String sqlState) {
		return sqlState != null && (sqlState.startsWith("08") || ADMIN_SHUTDOWN.equals(sqlState)
				|| CRASH_SHUTDOWN.equals(sqlState) || CANNOT_CONNECT_NOW.equals(sqlState));
	}

	/**
	 * Explains a lost connection's SQLState.
	 * @param sqlState the SQLState of the failure
	 * @return the server's reason, in words
	 */
	public static String reason(String sqlState) {
		if (ADMIN_SHUTDOWN.equals(sqlState)) {
			return "the server ended the migration's session (terminated by an administrator, e.g. "
					+ "pg_terminate_backend, or a fast shutdown)";
		}
		if (CRASH_SHUTDOWN.equals(sqlState)) {
			return "the server shut down immediately (a crash of another backend or an immediate shutdown)";
		}
		if (CANNOT_CONNECT_NOW.equals(sqlState)) {
			return "the server is starting up or shutting down";
		}
		return "the network connection to the server failed or the server went away";
	}

}
