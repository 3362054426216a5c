package io.migrator.core.internal.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.dialect.SqlErrors;

/**
 * A lease row in a lock table next to the history table: owner (host/pid/random), when it
 * was acquired and when it expires. Works through any pooler because every statement is
 * one self-contained autocommit statement: nothing depends on staying on one server
 * backend, and no connection is held between statements.
 * <p>
 * Taking the lease is ONE atomic {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expired}
 * statement, polled until the lock timeout, so of racing processes exactly one wins and an
 * expired lease of a crashed holder is taken over. A heartbeat extends the lease every third
 * of its duration while the run lives; if a renewal finds the lease gone (this process
 * stalled beyond the lease and another took it over), the run stops before its next
 * migration. Release deletes the row, guarded by owner, after success and failure alike.
 * Expiry is decided by the server's clock alone, so clock skew between hosts does not
 * matter.
 */
public final class TableLeaseLock implements MigrationLock {

	private static final Logger logger = LoggerFactory.getLogger(TableLeaseLock.class);

	private static final long MAX_POLL_MILLIS = 1000;

	private static final int CREATE_ATTEMPTS = 3;

	private final DataSource dataSource;

	private final Dialect dialect;

	private final String schema;

	private final boolean createSchema;

	private final String table;

	private final Duration timeout;

	private final Duration lease;

	/**
	 * Creates the lock.
	 * @param dataSource where connections come from
	 * @param dialect the database's dialect
	 * @param schema the lock table's schema, {@code null} for the current one
	 * @param createSchema whether to create the schema when missing
	 * @param lockTable the lock table's unqualified name
	 * @param timeout how long to wait for the lease
	 * @param lease how long a lease lives without renewal
	 */
	public TableLeaseLock(DataSource dataSource, Dialect dialect, String schema, boolean createSchema,
			String lockTable, Duration timeout, Duration lease) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.schema = schema;
		this.createSchema = createSchema;
		this.table = dialect.qualify(schema, lockTable);
		this.timeout = timeout;
		this.lease = lease;
	}

	@Override
	public Held acquire() {
		String owner = newOwner();
		try (Connection connection = SecondConnection.open(this.dataSource,
				"the migration lock (lease in " + this.table + ")")) {
			connection.setAutoCommit(true);
			createTable(connection);
			long deadline = System.nanoTime() + this.timeout.toNanos();
			long pause = 50;
			while (!tryAcquire(connection, owner)) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new MigratorException(ErrorCode.LOCK_FAILED, "Could not obtain the migration lock (lease in "
							+ this.table + ") within " + this.timeout + ": " + describeHolder(connection)
							+ ". Another process is migrating this database; wait for it to finish, or raise the "
							+ "lock timeout. A crashed holder's lease expires by itself; do not delete the row "
							+ "while its owner may still be running.");
				}
				Thread.sleep(Math.min(pause, Math.max(1, remaining / 1_000_000)));
				pause = Math.min(pause * 2, MAX_POLL_MILLIS);
			}
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.LOCK_FAILED, "Could not take the migration lock (lease in "
					+ this.table + "): " + SqlErrors.describe(ex)
					+ ". Check that the migration user may create and write that table.", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigratorException(ErrorCode.LOCK_FAILED, "Interrupted while waiting for the migration lock",
					ex);
		}
		return new HeldLease(owner);
	}

	private void createTable(Connection connection) throws SQLException {
		for (int attempt = 1;; attempt++) {
			try (Statement statement = connection.createStatement()) {
				if (this.createSchema && this.schema != null) {
					statement.execute(this.dialect.createSchema(this.schema));
				}
				statement.execute(this.dialect.createLockTable(this.table));
				return;
			}
			catch (SQLException ex) {
				// Another process created it at the same moment; now it exists.
				if (attempt == CREATE_ATTEMPTS || !this.dialect.isConcurrentCreate(ex)) {
					throw ex;
				}
			}
		}
	}

	private boolean tryAcquire(Connection connection, String owner) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery(this.dialect.acquireLease(this.table, owner, this.lease.toMillis()))) {
			if (!result.next()) {
				return false;
			}
			String previous = result.getString(1);
			OffsetDateTime expired = result.getObject(2, OffsetDateTime.class);
			if (previous != null) {
				logger.warn("Took over the expired migration lock lease of {} (expired at {}): that process "
						+ "stopped renewing it, probably it crashed", previous, expired);
			}
			logger.debug("Took the migration lock lease in {} as {}", this.table, owner);
			return true;
		}
	}

	private String describeHolder(Connection connection) {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(this.dialect.readLease(this.table))) {
			if (result.next()) {
				OffsetDateTime expires = result.getObject(3, OffsetDateTime.class);
				OffsetDateTime now = result.getObject(4, OffsetDateTime.class);
				return "held by " + result.getString(1) + " since " + result.getObject(2, OffsetDateTime.class)
						+ ", lease expires at " + expires + " (in "
						+ Duration.between(now, expires).toMillis() + " ms unless its heartbeat renews it)";
			}
			return "the lease was released just now";
		}
		catch (SQLException ex) {
			logger.debug("Could not read the lease in {}", this.table, ex);
			return "the holder could not be read: " + ex.getMessage();
		}
	}

	private static String newOwner() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		byte[] random = new byte[6];
		ThreadLocalRandom.current().nextBytes(random);
		return host + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(random);
	}

	/**
	 * The lease while this process holds it.
	 */
	private final class HeldLease implements Held {

		private final String owner;

		private final Heartbeat heartbeat;

		private long lastRenewed = System.nanoTime();

		HeldLease(String owner) {
			this.owner = owner;
			Duration interval = TableLeaseLock.this.lease.dividedBy(3);
			this.heartbeat = new Heartbeat("the migration lock (lease of " + owner + " in " + TableLeaseLock.this.table
					+ ")", interval, this::renew);
		}

		private String renew() {
			Dialect dialect = TableLeaseLock.this.dialect;
			Duration lease = TableLeaseLock.this.lease;
			try (Connection connection = TableLeaseLock.this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				connection.setAutoCommit(true);
				if (statement.executeUpdate(dialect.renewLease(TableLeaseLock.this.table, this.owner,
						lease.toMillis())) == 1) {
					this.lastRenewed = System.nanoTime();
					return null;
				}
				return "the lease is no longer ours: this process did not renew it within " + lease
						+ " and another took it over (" + describeHolder(connection) + ")";
			}
			catch (SQLException ex) {
				// The lease outlives a failed renewal; only once it may have expired is it lost.
				if (System.nanoTime() - this.lastRenewed < lease.toNanos()) {
					logger.warn("Could not renew the migration lock lease, retrying: {}", ex.getMessage());
					return null;
				}
				return "it could not be renewed within " + lease + ": " + SqlErrors.describe(ex);
			}
		}

		@Override
		public void verify() {
			this.heartbeat.verify();
		}

		@Override
		public void close() {
			this.heartbeat.close();
			try (Connection connection = TableLeaseLock.this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				connection.setAutoCommit(true);
				statement.executeUpdate(TableLeaseLock.this.dialect.releaseLease(TableLeaseLock.this.table,
						this.owner));
			}
			catch (SQLException ex) {
				logger.warn("Could not release the migration lock lease of {}; it expires within {}: {}", this.owner,
						TableLeaseLock.this.lease, ex.getMessage());
			}
		}

	}

}
