package io.migrator.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty database on the {@link TestPostgres} server, created by
 * {@link TestPostgres#createDatabase(String)}. Closing it drops it, disconnecting
 * whatever is still connected. Thread-safe.
 */
public final class TestDatabase implements AutoCloseable {

	private final TestPostgres server;

	private final String name;

	private final PGSimpleDataSource dataSource;

	private final AtomicBoolean closed = new AtomicBoolean();

	TestDatabase(TestPostgres server, String name) {
		this.server = server;
		this.name = name;
		this.dataSource = new PGSimpleDataSource();
		this.dataSource.setURL(server.jdbcUrl(name));
		this.dataSource.setUser(server.user());
		this.dataSource.setPassword(server.password());
	}

	/**
	 * Returns the database name.
	 * @return the name: lower-case letters, digits and underscores
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the JDBC URL of this database.
	 * @return the URL, without user or password
	 */
	public String jdbcUrl() {
		return this.server.jdbcUrl(this.name);
	}

	/**
	 * Returns the user to connect as.
	 * @return the user
	 */
	public String user() {
		return this.server.user();
	}

	/**
	 * Returns the password of {@link #user()}.
	 * @return the password, empty when none is needed
	 */
	public String password() {
		return this.server.password();
	}

	/**
	 * Returns a non-pooled data source for this database: every
	 * {@code getConnection()} opens a new real connection.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Opens a new connection to this database; the caller closes it.
	 * @return the connection
	 * @throws SQLException if the connection cannot be opened
	 */
	public Connection connect() throws SQLException {
		return this.dataSource.getConnection();
	}

	/**
	 * Drops the database, terminating its remaining connections. Calling it again does
	 * nothing.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.server.dropDatabase(this.name);
		}
	}

	@Override
	public String toString() {
		return this.name + " on " + this.server;
	}

}
