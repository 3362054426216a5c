package io.migrator.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Opens a new connection per {@link #getConnection()} through whichever bundled JDBC
 * driver accepts the URL. Not pooled: a CLI run opens a handful of connections (the
 * advisory lock holds its own).
 */
final class DriverManagerDataSource implements DataSource {

	/** SQLState of "invalid authorization specification": a login problem, exit code 2. */
	static final String PASSWORD_REQUIRED_STATE = "28000";

	private final String url;

	private final Properties properties = new Properties();

	private final boolean passwordGiven;

	DriverManagerDataSource(ConnectionTarget target) {
		this.url = target.jdbcUrl();
		if (target.user() != null) {
			this.properties.setProperty("user", target.user());
		}
		if (target.password() != null) {
			this.properties.setProperty("password", target.password());
		}
		this.passwordGiven = target.password() != null;
	}

	@Override
	public Connection getConnection() throws SQLException {
		try {
			return DriverManager.getConnection(this.url, this.properties);
		}
		catch (SQLException ex) {
			if (!this.passwordGiven && asksForPassword(ex)) {
				throw new SQLException("the server asks for a password and none was given: pass --password, set "
						+ CliSettings.ENV_PASSWORD + " (or " + CliSettings.PGPASSWORD
						+ "), or write it in the goose DSN", PASSWORD_REQUIRED_STATE, ex);
			}
			throw ex;
		}
	}

	/**
	 * pgjdbc reports a password request it cannot answer as 08004 (connection rejected),
	 * which also covers refusals no password would fix; its message names the password.
	 */
	private static boolean asksForPassword(SQLException ex) {
		return "08004".equals(ex.getSQLState()) && ex.getMessage() != null
				&& ex.getMessage().toLowerCase(java.util.Locale.ROOT).contains("password");
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", username);
		properties.setProperty("password", password);
		return DriverManager.getConnection(this.url, properties);
	}

	@Override
	public PrintWriter getLogWriter() {
		return DriverManager.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) {
		DriverManager.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) {
		DriverManager.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() {
		return DriverManager.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException("DriverManagerDataSource does not use java.util.logging");
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException(getClass().getName() + " does not wrap " + type.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

}
