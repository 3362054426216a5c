package io.migrator.core.internal.dialect;

import java.sql.SQLException;

/**
 * Describes database errors for messages: the database's message, the SQLState, and a
 * hint where the cause is known to lie outside the migration.
 */
public final class SqlErrors {

	private static final String DUPLICATE_PREPARED_STATEMENT = "42P05";

	private static final String INVALID_SQL_STATEMENT_NAME = "26000";

	private SqlErrors() {
	}

	/**
	 * Describes an exception as {@code message (SQLState X)}, plus a hint when one applies.
	 * @param exception the exception
	 * @return the description
	 */
	public static String describe(SQLException exception) {
		return exception.getMessage() + " (SQLState " + exception.getSQLState() + ")"
				+ hint(exception.getSQLState(), exception.getMessage());
	}

	/**
	 * Returns a hint for an error whose usual cause is the connection, not the migration.
	 * @param sqlState the SQLState, may be {@code null}
	 * @param message the database's message, may be {@code null}
	 * @return the hint, starting with ". ", or an empty string
	 */
	public static String hint(String sqlState, String message) {
		boolean preparedStatementMixUp = (DUPLICATE_PREPARED_STATEMENT.equals(sqlState)
				|| INVALID_SQL_STATEMENT_NAME.equals(sqlState)) && message != null
				&& message.contains("prepared statement");
		if (preparedStatementMixUp) {
			return ". The JDBC driver's named prepared statements reached another server connection: a "
					+ "transaction-mode pooler such as pgbouncer sits between migrator and the database. Add "
					+ "prepareThreshold=0 to the JDBC URL, or give migrator a direct connection (migrator.url, --url)";
		}
		return "";
	}

}
