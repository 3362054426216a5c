package io.migrator.benchmarks;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.migrator.benchmarks.wire.RoundTripProxy;
import io.migrator.benchmarks.wire.WireCounts;

/**
 * A non-pooling DataSource whose connections go through a {@link RoundTripProxy}. It
 * notes what crossed the wire while {@link #getConnection()} ran, so the connection-open
 * exchange (start-up, authentication, the driver's own set-up queries) can be reported
 * apart from the work of the tool. Tools open connections from one thread, so nothing
 * else is on the wire meanwhile.
 */
final class ProxiedDataSource implements DataSource {

	private final PGSimpleDataSource delegate = new PGSimpleDataSource();

	private final RoundTripProxy proxy;

	private WireCounts opening = WireCounts.ZERO;

	ProxiedDataSource(RoundTripProxy proxy, String database, String user, String password,
			String assumeMinServerVersion) {
		this.proxy = proxy;
		this.delegate.setServerNames(new String[] { proxy.host() });
		this.delegate.setPortNumbers(new int[] { proxy.port() });
		this.delegate.setDatabaseName(database);
		this.delegate.setUser(user);
		this.delegate.setPassword(password);
		this.delegate.setSslMode("disable");
		if (assumeMinServerVersion != null) {
			// PgJDBC then puts application_name into the start-up packet instead of a SET after it.
			this.delegate.setAssumeMinServerVersion(assumeMinServerVersion);
		}
	}

	/** What crossed the wire inside {@code getConnection()}, summed over all calls. */
	synchronized WireCounts opening() {
		return this.opening;
	}

	@Override
	public Connection getConnection() throws SQLException {
		WireCounts before = this.proxy.counts();
		Connection connection = this.delegate.getConnection();
		WireCounts spent = this.proxy.counts().minus(before);
		synchronized (this) {
			this.opening = this.opening.plus(spent);
		}
		return connection;
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLFeatureNotSupportedException("the benchmark connects with the configured user");
	}

	@Override
	public PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		if (iface.isInstance(this)) {
			return iface.cast(this);
		}
		throw new SQLException("not a wrapper of " + iface.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) {
		return iface.isInstance(this);
	}

}
