package io.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;

/**
 * Picks the dialect of a connection from its metadata (no round trip with the usual
 * drivers, which answer the product name locally).
 */
public final class Dialects {

	private Dialects() {
	}

	/**
	 * Returns the dialect of the database behind a connection.
	 * @param connection the connection
	 * @return the dialect
	 * @throws SQLException when the metadata cannot be read
	 * @throws MigratorException when the database is not supported
	 */
	public static Dialect of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		if ("PostgreSQL".equalsIgnoreCase(product)) {
			return new PostgresDialect();
		}
		throw new MigratorException(ErrorCode.UNSUPPORTED_DATABASE, "The database product '" + product
				+ "' is not supported yet: migrator supports PostgreSQL");
	}

}
