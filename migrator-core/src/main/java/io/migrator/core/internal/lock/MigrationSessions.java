package io.migrator.core.internal.lock;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongPredicate;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.dialect.Dialect;

/**
 * Marks the server session that runs a NO TRANSACTION migration, and finds such sessions
 * left running by an earlier run. A client killed with {@code kill -9} (or cut off from the
 * network) does not stop the statement it sent: the server runs it to the end and commits
 * it, since a NO TRANSACTION statement commits on its own. Until it ends, running that
 * migration again (after {@code repair}) would run the statement twice at once. The lock
 * does not help: it died with the client. So while such a statement runs, its session
 * carries an {@code application_name} naming the version and the history table, and
 * {@code up} and {@code repair} look for it under the lock, where no live run of this
 * table can be migrating.
 * <p>
 * Only NO TRANSACTION migrations are marked: a transactional migration's orphan holds the
 * history table's claim, which the next run waits for anyway, and marking costs a round
 * trip that the one-batch transactional path does not pay.
 */
public final class MigrationSessions {

	private static final Logger logger = LoggerFactory.getLogger(MigrationSessions.class);

	private static final String PREFIX = "migrator:";

	private final Dialect dialect;

	private final String tableTag;

	/**
	 * Creates the marker of one history table.
	 * @param dialect the database's dialect
	 * @param qualifiedHistoryTable the history table as resolved for the run
	 */
	public MigrationSessions(Dialect dialect, String qualifiedHistoryTable) {
		this.dialect = dialect;
		// application_name holds 63 bytes: the version and a short tag of the table fit.
		this.tableTag = HexFormat.of().toHexDigits((int) AdvisoryLock.keyOf(qualifiedHistoryTable));
	}

	/**
	 * Names the session after the migration it is about to run, until the returned
	 * handle is closed.
	 * @param connection the migration connection
	 * @param version the version about to run
	 * @return closes the mark, restoring the session's own application name
	 * @throws SQLException when the name cannot be set
	 */
	public Mark mark(Connection connection, long version) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(this.dialect.setApplicationName(applicationName(version)));
		}
		return () -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute(this.dialect.resetApplicationName());
			}
			catch (SQLException ex) {
				// The connection is broken; the server forgets the name with the session.
				logger.debug("Could not reset the application name after version {}", version, ex);
			}
		};
	}

	String applicationName(long version) {
		return PREFIX + version + ":" + this.tableTag;
	}

	/**
	 * Refuses to go on while a session of an earlier run still executes a statement of a
	 * migration of this history table. Call it under the lock.
	 * @param connection a connection in autocommit mode
	 * @param operation the operation, for the message
	 * @param undoing whether the history records a version as incomplete going down, so
	 * that the advice finishes undoing it instead of undoing what of its Up ran
	 * @return the server pid of {@code connection}'s session
	 * @throws SQLException when the sessions cannot be read
	 * @throws MigratorException with {@link ErrorCode#LOCK_FAILED} naming each such session
	 */
	public int requireNoneRunning(Connection connection, String operation, LongPredicate undoing)
			throws SQLException {
		List<String> running = new ArrayList<>();
		List<Integer> pids = new ArrayList<>();
		long firstVersion = 0;
		int ownPid = 0;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(this.dialect.liveSessionsNamed(PREFIX + "%:" + this.tableTag))) {
			while (result.next()) {
				ownPid = result.getInt(1);
				if (result.getObject(2) == null) {
					continue;
				}
				int pid = result.getInt(2);
				String name = result.getString(3);
				long version = Long.parseLong(name.substring(PREFIX.length(), name.lastIndexOf(':')));
				firstVersion = (firstVersion == 0) ? version : firstVersion;
				pids.add(pid);
				String query = result.getString(6);
				running.add("server backend pid " + pid + " runs version " + version + " since "
						+ result.getObject(5) + " (state " + ((result.getString(4) != null) ? result.getString(4)
								: "not visible to this user") + ((query != null) ? ", statement: " + abbreviate(query)
										: "") + ")");
			}
		}
		if (running.isEmpty()) {
			return ownPid;
		}
		throw new MigratorException(ErrorCode.LOCK_FAILED, "Cannot " + operation + ": a statement of an earlier run "
				+ "is still executing on the server although that run is gone (killed, or its connection was lost): "
				+ String.join("; ", running) + ". It runs without a transaction and commits when it finishes, so "
				+ "running version " + firstVersion + " now would run it twice at once. Nothing was run. Wait for it "
				+ "to finish, or end it with " + String.join(", ", pids.stream().map((pid) -> "SELECT "
						+ "pg_terminate_backend(" + pid + ")").toList())
				+ "; then " + (undoing.test(firstVersion)
						? "check the schema, finish undoing version " + firstVersion + " by hand (the statements of "
								+ "its Down that did not run), and run 'repair': it removes the row, and the version is "
								+ "no longer applied."
						: "check the schema, undo what of the migration ran (the next run applies all of it again), "
								+ "run 'repair' if the version is incomplete, and run again."));
	}

	/**
	 * Describes who blocks a session's lock request, for progress lines of a migration
	 * that seems stuck: it usually waits for a table lock held by a long transaction of
	 * the application. Uses a connection of its own, since the blocked one is busy.
	 * @param dataSource where to get the connection
	 * @param pid the migration's session
	 * @return the description, or {@code null} when nothing blocks it or it cannot be read
	 */
	public String describeBlockers(DataSource dataSource, int pid) {
		List<String> blockers = new ArrayList<>();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(this.dialect.blockersOf(pid))) {
			while (result.next()) {
				String query = result.getString(6);
				blockers.add("backend pid " + result.getInt(1) + " (user " + result.getString(2) + ", application '"
						+ result.getString(3) + "', " + result.getString(4) + " for " + result.getLong(5) + " s"
						+ ((query != null) ? ", statement: " + abbreviate(query) : "") + ")");
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not find what blocks backend {}", pid, ex);
			return null;
		}
		return blockers.isEmpty() ? null : "waiting for a lock held by " + String.join(" and ", blockers)
				+ "; end that transaction (or SELECT pg_terminate_backend(pid)) to let the migration go on";
	}

	private static String abbreviate(String query) {
		String oneLine = query.strip().replaceAll("\\s+", " ");
		return (oneLine.length() > 120) ? oneLine.substring(0, 117) + "..." : oneLine;
	}

	/**
	 * The mark on a session; closing it restores the session's application name.
	 */
	@FunctionalInterface
	public interface Mark extends AutoCloseable {

		@Override
		void close();

	}

}
