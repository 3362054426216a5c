package io.migrator.core.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.dialect.SqlErrors;

/**
 * Says why a connection could not be opened, and what to check for that reason: JDBC
 * drivers report an unknown host, a refused port and a wrong password alike as "the
 * connection attempt failed", with the reason in the cause chain or the SQLState.
 */
final class ConnectFailures {

	private static final String INVALID_PASSWORD = "28P01";

	private static final String INVALID_AUTHORIZATION = "28000";

	private static final String UNKNOWN_DATABASE = "3D000";

	private ConnectFailures() {
	}

	static MigratorException of(SQLException ex) {
		String reason = reason(ex);
		return new MigratorException(ErrorCode.CONNECTION_FAILED, "Cannot connect to the database: " + reason, ex);
	}

	private static String reason(SQLException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnknownHostException) {
				return "the host '" + cause.getMessage() + "' is unknown (the name does not resolve). Check the host "
						+ "name in the JDBC URL (migrator.url / --url, or the application's DataSource URL) and the "
						+ "machine's DNS.";
			}
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
				return "nothing accepts connections at the URL's host and port (" + cause.getMessage()
						+ "). Check the host and port in the JDBC URL, that the server is running and that no "
						+ "firewall is in the way.";
			}
			if (cause instanceof SocketTimeoutException) {
				return "the server did not answer in time (" + cause.getMessage() + "). Check the host and port in "
						+ "the JDBC URL and the network path to it.";
			}
		}
		String state = ex.getSQLState();
		if (INVALID_PASSWORD.equals(state) || INVALID_AUTHORIZATION.equals(state)) {
			return SqlErrors.describe(ex) + ". Check the user and password (the password is never logged).";
		}
		if (UNKNOWN_DATABASE.equals(state)) {
			return SqlErrors.describe(ex) + ". Check the database name in the JDBC URL; migrator creates tables, "
					+ "not databases.";
		}
		return SqlErrors.describe(ex) + ". Check the URL, user and password.";
	}

}
