package io.migrator.core.internal.lock;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.dialect.SqlErrors;

/**
 * Opens a lock's own connection. The run already holds one connection for its migrations
 * when it takes the lock, so every lock strategy but {@code NONE} needs two connections
 * at once: the advisory lock keeps its transaction open on its own connection for the
 * whole run, the table lease writes its row (and later its heartbeat) outside the
 * migration's transactions. A pool of one connection cannot give the second: the request
 * waits for a connection this very run holds, until the pool gives up.
 */
final class SecondConnection {

	private SecondConnection() {
	}

	static Connection open(DataSource dataSource, String lockName) {
		try {
			return dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.LOCK_FAILED, "Could not open a second connection for "
					+ lockName + " while the run holds its migration connection: " + SqlErrors.describe(ex)
					+ ". Every lock strategy except NONE needs two connections at once (AUTO and ADVISORY hold the "
					+ "lock on a connection of its own, TABLE writes its lease and heartbeat on one), so a pool "
					+ "that hands out a single connection makes the run wait for itself. Give migrations a "
					+ "dedicated connection (migrator.url / --url), or let the pool hand out at least 2 "
					+ "connections; only where a single Job is the one process that migrates, lock strategy NONE "
					+ "needs one.", ex);
		}
	}

}
