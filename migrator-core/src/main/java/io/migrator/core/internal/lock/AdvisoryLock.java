package io.migrator.core.internal.lock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.dialect.Dialect;

/**
 * A PostgreSQL session advisory lock, held on a connection of its own for the whole run,
 * so the migrations themselves (including NO TRANSACTION ones such as
 * {@code CREATE INDEX CONCURRENTLY}) never wait on a transaction of the lock.
 */
public final class AdvisoryLock implements MigrationLock {

	private static final Logger logger = LoggerFactory.getLogger(AdvisoryLock.class);

	private static final long MAX_POLL_MILLIS = 1000;

	private final DataSource dataSource;

	private final Dialect dialect;

	private final long key;

	private final Duration timeout;

	public AdvisoryLock(DataSource dataSource, Dialect dialect, String qualifiedHistoryTable, Duration timeout) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.key = keyOf(qualifiedHistoryTable);
		this.timeout = timeout;
	}

	/**
	 * Derives the lock key from the history table, so migrators of different history
	 * tables in one database do not block each other.
	 * @param qualifiedHistoryTable the history table's qualified name
	 * @return a 64-bit key
	 */
	public static long keyOf(String qualifiedHistoryTable) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("migrator:" + qualifiedHistoryTable).getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	/**
	 * Returns the lock key.
	 * @return the key passed to {@code pg_try_advisory_lock}
	 */
	public long key() {
		return this.key;
	}

	@Override
	public Held acquire() {
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			connection.setAutoCommit(true);
			long deadline = System.nanoTime() + this.timeout.toNanos();
			long pause = 50;
			while (!tryLock(connection)) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new MigratorException(ErrorCode.LOCK_FAILED, "Could not obtain the migration lock "
							+ "(PostgreSQL advisory lock " + this.key + ") within " + this.timeout + ": "
							+ describeHolder(connection) + ". Another process is migrating this database; wait "
							+ "for it to finish, or raise the lock timeout.");
				}
				Thread.sleep(Math.min(pause, Math.max(1, remaining / 1_000_000)));
				pause = Math.min(pause * 2, MAX_POLL_MILLIS);
			}
			Connection held = connection;
			connection = null;
			return () -> release(held);
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.LOCK_FAILED,
					"Could not take the migration lock: " + ex.getMessage() + " (SQLState " + ex.getSQLState() + ")",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigratorException(ErrorCode.LOCK_FAILED, "Interrupted while waiting for the migration lock",
					ex);
		}
		finally {
			closeQuietly(connection);
		}
	}

	private boolean tryLock(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.dialect.tryAdvisoryLock())) {
			statement.setLong(1, this.key);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private String describeHolder(Connection connection) {
		String sql = "SELECT a.pid, a.usename, a.application_name, a.client_addr, a.backend_start "
				+ "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
				+ "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ? AND l.objsubid = 1";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, this.key >>> 32);
			statement.setLong(2, this.key & 0xFFFFFFFFL);
			try (ResultSet result = statement.executeQuery()) {
				if (result.next()) {
					return "held by backend pid " + result.getInt(1) + " (user " + result.getString(2)
							+ ", application '" + result.getString(3) + "', client " + result.getString(4)
							+ ", connected since " + result.getTimestamp(5) + ")";
				}
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not find the holder of advisory lock {}", this.key, ex);
		}
		return "the holder is not visible to this user";
	}

	private void release(Connection connection) {
		try (PreparedStatement statement = connection.prepareStatement(this.dialect.advisoryUnlock())) {
			statement.setLong(1, this.key);
			statement.execute();
		}
		catch (SQLException ex) {
			logger.warn("Could not release advisory lock {}; it ends with the session: {}", this.key,
					ex.getMessage());
		}
		finally {
			closeQuietly(connection);
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Could not close the lock connection", ex);
			}
		}
	}

}
