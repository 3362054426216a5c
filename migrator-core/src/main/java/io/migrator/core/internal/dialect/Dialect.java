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
	 * Returns whether session advisory locks exist on this database.
	 * @return whether {@code ADVISORY} is possible
	 */
	boolean supportsAdvisoryLocks();

	/**
	 * Returns the query that tries to take a session advisory lock; one {@code bigint}
	 * parameter, one boolean column.
	 * @return the SQL
	 */
	String tryAdvisoryLock();

	/**
	 * Returns the query that releases a session advisory lock; one {@code bigint} parameter.
	 * @return the SQL
	 */
	String advisoryUnlock();

}
