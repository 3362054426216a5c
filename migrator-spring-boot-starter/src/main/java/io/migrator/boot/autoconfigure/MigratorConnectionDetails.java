package io.migrator.boot.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * Details of a dedicated database connection for migrations. When a bean of this type
 * exists (for example from a Testcontainers {@code @ServiceConnection} or Docker Compose
 * service meant for migrations), migrator connects with it instead of the application's
 * {@code DataSource}; it wins over {@code migrator.url}.
 */
public interface MigratorConnectionDetails extends ConnectionDetails {

	/**
	 * Returns the JDBC URL of the database to migrate.
	 * @return the JDBC URL
	 */
	String getJdbcUrl();

	/**
	 * Returns the login user, or {@code null} for none.
	 * @return the user
	 */
	default String getUsername() {
		return null;
	}

	/**
	 * Returns the login password, or {@code null} for none.
	 * @return the password
	 */
	default String getPassword() {
		return null;
	}

	/**
	 * Returns the JDBC driver class; by default derived from the URL.
	 * @return the driver class name, or {@code null} when the URL names no known driver
	 */
	default String getDriverClassName() {
		return DatabaseDriver.fromJdbcUrl(getJdbcUrl()).getDriverClassName();
	}

}
