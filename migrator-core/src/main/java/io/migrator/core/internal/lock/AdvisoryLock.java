package io.migrator.core.internal.lock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;
import io.migrator.core.Sha256;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.dialect.SqlErrors;

/**
 * A PostgreSQL advisory lock that is safe through connection poolers: a
 * <em>transaction-scoped</em> lock ({@code pg_try_advisory_xact_lock}) taken in a
 * transaction that stays open on a connection of its own for the whole run.
 * <p>
 * Why transaction-scoped: a session lock belongs to a server backend, and a
 * transaction-mode pooler (pgbouncer, Neon, Supavisor) hands a client's consecutive
 * statements to whichever backend is free, so through it several clients all "get" a
 * session lock on one backend and the lock leaks to whoever uses that backend next. An open
 * transaction, by contrast, is pinned to one backend by every pooler (that is what
 * transaction pooling means), so while it is open the lock is held by our backend alone,
 * and it ends with the transaction: on release, on a crash of this process (the pooler or
 * server rolls back the dead client's transaction) or when the session is killed. It can
 * never leak. A statement-mode pooler refuses the transaction, which fails the acquisition
 * loudly rather than trusting a lock it cannot hold.
 * <p>
 * Why the migrations are not blocked: the lock lives on another connection, and its
 * transaction is READ COMMITTED, has no transaction id and, between statements, no snapshot,
 * so {@code CREATE INDEX CONCURRENTLY} on the migration connection does not wait for it
 * (it waits only for transactions holding table locks or an older snapshot). The heartbeat
 * statements are {@code SET LOCAL}, which take no snapshot either. This is where Flyway's
 * transactional lock went wrong: it held the lock in the migrations' own transaction.
 * <p>
 * Why a heartbeat: the lock transaction is idle for the whole run, and servers or poolers
 * may end idle transactions ({@code idle_in_transaction_session_timeout}, pgbouncer's
 * {@code idle_transaction_timeout}). The transaction switches the server's timeouts off
 * for itself and touches the server every heartbeat interval; if the session dies anyway
 * (terminated, network lost), the next beat notices and the run stops before its next
 * migration rather than continuing without the lock.
 * <p>
 * Costs: the run needs two server connections at once (lock and migrations); a pool of one
 * server connection would make the run wait for itself.
 */
public final class AdvisoryLock implements MigrationLock {

	private static final Logger logger = LoggerFactory.getLogger(AdvisoryLock.class);

	private static final long MAX_POLL_MILLIS = 1000;

	private final DataSource dataSource;

	private final Dialect dialect;

	private final long key;

	private final Duration timeout;

	private final Duration heartbeatInterval;

	/**
	 * Creates the lock for one history table.
	 * @param dataSource where the lock's own connection comes from
	 * @param dialect the database's dialect
	 * @param qualifiedHistoryTable the history table the lock protects
	 * @param timeout how long to wait for the lock
	 * @param heartbeatInterval how often the held lock's transaction is touched
	 */
	public AdvisoryLock(DataSource dataSource, Dialect dialect, String qualifiedHistoryTable, Duration timeout,
			Duration heartbeatInterval) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.key = keyOf(qualifiedHistoryTable);
		this.timeout = timeout;
		this.heartbeatInterval = heartbeatInterval;
	}

	/**
	 * Derives the lock key from the history table, so migrators of different history
	 * tables in one database do not block each other, while every migrator of one table
	 * takes one lock: callers pass the name as resolved for the run (schema included, both
	 * parts quoted exact names), never as the user spelled it.
	 * @param qualifiedHistoryTable the history table's schema-qualified, quoted name
	 * @return a 64-bit key
	 */
	public static long keyOf(String qualifiedHistoryTable) {
		byte[] digest = Sha256.newDigest().digest(("migrator:" + qualifiedHistoryTable).getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(digest).getLong();
	}

	@Override
	public Held acquire() {
		Connection connection = null;
		try {
			connection = SecondConnection.open(this.dataSource, "the migration lock (PostgreSQL advisory lock "
					+ this.key + ")");
			connection.setAutoCommit(false);
			String keepOpen = this.dialect.keepLockTransactionOpen(connection.getMetaData().getDatabaseMajorVersion());
			long deadline = System.nanoTime() + this.timeout.toNanos();
			long pause = 50;
			while (!tryLock(connection, keepOpen)) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					String holder = describeHolder(connection);
					throw new MigratorException(ErrorCode.LOCK_FAILED, "Could not obtain the migration lock "
							+ "(PostgreSQL advisory lock " + this.key + ") within " + this.timeout + ": " + holder
							+ ". Another process is migrating this database; wait for it to finish, or raise the "
							+ "lock timeout.");
				}
				Thread.sleep(Math.min(pause, Math.max(1, remaining / 1_000_000)));
				pause = Math.min(pause * 2, MAX_POLL_MILLIS);
			}
			HeldLock held = new HeldLock(connection, keepOpen);
			connection = null;
			return held;
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.LOCK_FAILED, "Could not take the migration lock (PostgreSQL "
					+ "advisory lock " + this.key + "): " + SqlErrors.describe(ex)
					+ ". The lock needs a transaction held open on its own connection; behind a statement-mode "
					+ "pooler use lock strategy TABLE.", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigratorException(ErrorCode.LOCK_FAILED, "Interrupted while waiting for the migration lock",
					ex);
		}
		finally {
			rollbackAndClose(connection);
		}
	}

	/**
	 * Tries once, in a new transaction that is kept open when the lock was taken and rolled
	 * back otherwise, so a waiting process holds no transaction between attempts.
	 */
	private boolean tryLock(Connection connection, String keepOpen) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(this.dialect.readCommittedTransaction());
			boolean locked;
			try (ResultSet result = statement.executeQuery(this.dialect.tryAdvisoryTransactionLock(this.key))) {
				locked = result.next() && result.getBoolean(1);
			}
			if (locked) {
				statement.execute(keepOpen);
			}
			else {
				connection.rollback();
			}
			return locked;
		}
	}

	private String describeHolder(Connection connection) {
		String sql = "SELECT a.pid, a.usename, a.application_name, a.client_addr, a.backend_start "
				+ "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
				+ "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ? AND l.objsubid = 1 "
				// Advisory locks are per database; pg_locks shows the whole server's.
				+ "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
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

	private static void rollbackAndClose(Connection connection) {
		if (connection != null) {
			try {
				// Rolling back ends the lock transaction, which releases the lock.
				connection.rollback();
			}
			catch (SQLException ex) {
				logger.debug("Could not roll back the lock transaction; closing ends it", ex);
			}
			try {
				connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Could not close the lock connection", ex);
			}
		}
	}

	/**
	 * The lock while its transaction is open.
	 */
	private final class HeldLock implements Held {

		private final Connection connection;

		private final Heartbeat heartbeat;

		HeldLock(Connection connection, String keepOpen) {
			this.connection = connection;
			String name = "the migration lock (PostgreSQL advisory lock " + AdvisoryLock.this.key + ")";
			this.heartbeat = new Heartbeat(name, AdvisoryLock.this.heartbeatInterval, () -> beat(keepOpen));
		}

		private String beat(String keepOpen) {
			try (Statement statement = this.connection.createStatement()) {
				statement.execute(keepOpen);
				return null;
			}
			catch (SQLException ex) {
				// Any error aborts or ends the lock transaction, and the lock with it.
				return "its transaction ended: " + SqlErrors.describe(ex);
			}
		}

		@Override
		public void verify() {
			this.heartbeat.verify();
		}

		@Override
		public void close() {
			this.heartbeat.close();
			rollbackAndClose(this.connection);
		}

	}

}
