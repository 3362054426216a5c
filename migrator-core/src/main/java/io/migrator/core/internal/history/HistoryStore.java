package io.migrator.core.internal.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Locale;
import java.util.TreeMap;

import io.migrator.core.MigrationType;
import io.migrator.core.internal.dialect.Dialect;

/**
 * Reads and writes the history table: one row per applied version.
 */
public final class HistoryStore {

	private final Dialect dialect;

	private final String schema;

	private final String table;

	private final String qualifiedTable;

	public HistoryStore(Dialect dialect, String schema, String table) {
		this.dialect = dialect;
		this.schema = schema;
		this.table = table;
		this.qualifiedTable = dialect.qualify(schema, table);
	}

	/**
	 * Returns the quoted, schema-qualified table name.
	 * @return the table name as used in SQL
	 */
	public String qualifiedTable() {
		return this.qualifiedTable;
	}

	/**
	 * Reads every row in ONE query; a missing table (or schema) is an empty snapshot. Runs
	 * in autocommit so that a missing table leaves no failed transaction behind.
	 * @param connection a connection in autocommit mode
	 * @return the snapshot
	 * @throws SQLException on any other error
	 */
	public HistorySnapshot read(Connection connection) throws SQLException {
		String sql = "SELECT version, description, type, checksum, state, applied_at, execution_ms, applied_by FROM "
				+ this.qualifiedTable;
		TreeMap<Long, AppliedMigration> rows = new TreeMap<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				Timestamp appliedAt = result.getTimestamp(6);
				AppliedMigration row = new AppliedMigration(result.getLong(1), result.getString(2),
						MigrationType.valueOf(result.getString(3).trim().toUpperCase(Locale.ROOT)), result.getString(4),
						AppliedState.fromId(result.getString(5)), (appliedAt != null) ? appliedAt.toInstant() : null,
						Duration.ofMillis(result.getLong(7)), result.getString(8));
				rows.put(row.version(), row);
			}
		}
		catch (SQLException ex) {
			if (this.dialect.isUndefinedTable(ex)) {
				return HistorySnapshot.missing();
			}
			throw ex;
		}
		return new HistorySnapshot(true, rows);
	}

	/**
	 * Waits until no migration transaction is writing the history, then reads it, in one
	 * short transaction. Such a writer can outlive the lock that protected it: a process
	 * killed after sending a migration's batch (statements, history row and COMMIT) loses
	 * its lock at once, while the server still runs and commits that batch. Every
	 * migration transaction first claims the history table (see {@link #claimSql()}), so
	 * this read sees the history as it is once that orphan has ended. Call it under the lock,
	 * after {@link #create}.
	 * @param connection a connection in autocommit mode; left in autocommit mode
	 * @param timeout how long to wait for such a transaction
	 * @return the snapshot
	 * @throws SQLException on any error, including the wait timing out
	 */
	public HistorySnapshot readAfterWriters(Connection connection, Duration timeout) throws SQLException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute(this.dialect.limitLockWait(timeout));
			statement.execute(this.dialect.awaitHistoryWriters(this.qualifiedTable));
			HistorySnapshot snapshot = read(connection);
			connection.commit();
			return snapshot;
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	/**
	 * Returns the first statement of every migration transaction: it claims the history
	 * table in the mode its own history write takes anyway, so it costs no concurrency, yet
	 * makes {@link #readAfterWriters} wait for the transaction.
	 * @return the SQL
	 */
	public String claimSql() {
		return this.dialect.claimHistory(this.qualifiedTable);
	}

	/**
	 * Returns a statement that fails when the transaction no longer holds the claim of
	 * {@link #claimSql()}, because something sent since ended the transaction.
	 * @return the SQL
	 */
	public String requireClaimSql() {
		return this.dialect.requireHistoryClaim(this.qualifiedTable);
	}

	/**
	 * Creates the schema (when asked) and the table when they do not exist.
	 * @param connection a connection in autocommit mode, under the migration lock
	 * @param createSchema whether to create the schema
	 * @throws SQLException on error
	 */
	public void create(Connection connection, boolean createSchema) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			if (createSchema && this.schema != null) {
				statement.execute(this.dialect.createSchema(this.schema));
			}
			statement.execute(this.dialect.createHistoryTable(this.qualifiedTable));
		}
	}

	/**
	 * Returns an INSERT of an applied row with literal values, to be sent in the same batch
	 * as the migration's statements; its duration is measured by the database from the
	 * start of the transaction, so no extra round trip is needed.
	 * @param version the version
	 * @param description the description
	 * @param type SQL or Java
	 * @param checksum the checksum, may be {@code null}
	 * @return the SQL
	 */
	public String insertAppliedInTransaction(long version, String description, MigrationType type, String checksum) {
		return "INSERT INTO " + this.qualifiedTable
				+ " (version, description, type, checksum, state, applied_at, execution_ms) VALUES (" + version + ", "
				+ this.dialect.literal(description) + ", " + this.dialect.literal(type.id()) + ", "
				+ nullableLiteral(checksum) + ", "
				+ this.dialect.literal(AppliedState.APPLIED.id()) + ", " + this.dialect.currentTimestamp() + ", "
				+ this.dialect.millisecondsSinceTransactionStart() + ")";
	}

	/**
	 * Inserts a row with an explicit state and duration.
	 * @param connection the connection
	 * @param version the version
	 * @param description the description
	 * @param type SQL or Java
	 * @param checksum the checksum, may be {@code null}
	 * @param state the state
	 * @param executionTime the duration
	 * @return how many rows it inserted: 1, unless a trigger or rule interfered
	 * @throws SQLException on error
	 */
	public int insert(Connection connection, long version, String description, MigrationType type, String checksum,
			AppliedState state, Duration executionTime) throws SQLException {
		return execute(connection, "INSERT INTO " + this.qualifiedTable
				+ " (version, description, type, checksum, state, applied_at, execution_ms) VALUES (" + version + ", "
				+ this.dialect.literal(description) + ", " + this.dialect.literal(type.id()) + ", "
				+ nullableLiteral(checksum) + ", " + this.dialect.literal(state.id()) + ", "
				+ this.dialect.currentTimestamp() + ", " + executionTime.toMillis() + ")");
	}

	/**
	 * Inserts the row of a version another tool applied ({@code adopt}): no checksum, and
	 * the time that tool recorded, so the history keeps when the schema really changed.
	 * @param connection the connection
	 * @param version the version
	 * @param description the description
	 * @param type SQL or Java
	 * @param appliedAt when the other tool applied it, or {@code null} for now
	 * @throws SQLException on error
	 */
	public void insertAdopted(Connection connection, long version, String description, MigrationType type,
			java.time.Instant appliedAt) throws SQLException {
		String when = (appliedAt != null)
				? "CAST(" + this.dialect.literal(appliedAt.toString()) + " AS TIMESTAMP WITH TIME ZONE)"
				: this.dialect.currentTimestamp();
		execute(connection, "INSERT INTO " + this.qualifiedTable
				+ " (version, description, type, checksum, state, applied_at, execution_ms) VALUES (" + version + ", "
				+ this.dialect.literal(description) + ", " + this.dialect.literal(type.id()) + ", NULL, "
				+ this.dialect.literal(AppliedState.BASELINE.id()) + ", " + when + ", 0)");
	}

	/**
	 * Marks a started row applied.
	 * @param connection the connection
	 * @param version the version
	 * @param executionTime how long it ran
	 * @return how many rows it changed: 0 when the row is gone
	 * @throws SQLException on error
	 */
	public int markApplied(Connection connection, long version, Duration executionTime) throws SQLException {
		return execute(connection, "UPDATE " + this.qualifiedTable + " SET state = "
				+ this.dialect.literal(AppliedState.APPLIED.id()) + ", applied_at = " + this.dialect.currentTimestamp()
				+ ", execution_ms = " + executionTime.toMillis() + " WHERE version = " + version);
	}

	/**
	 * Returns a DELETE of one row with a literal version, to be batched with a down
	 * migration's statements.
	 * @param version the version
	 * @return the SQL
	 */
	public String deleteSql(long version) {
		return "DELETE FROM " + this.qualifiedTable + " WHERE version = " + version;
	}

	/**
	 * Deletes one row.
	 * @param connection the connection
	 * @param version the version
	 * @return how many rows it deleted: 0 when the row is gone
	 * @throws SQLException on error
	 */
	public int delete(Connection connection, long version) throws SQLException {
		return execute(connection, deleteSql(version));
	}

	/**
	 * Changes the state of a row, e.g. to {@link AppliedState#STARTED_DOWN} before a NO
	 * TRANSACTION Down runs.
	 * @param connection the connection
	 * @param version the version
	 * @param state the new state
	 * @return how many rows it changed: 0 when the row is gone
	 * @throws SQLException on error
	 */
	public int updateState(Connection connection, long version, AppliedState state) throws SQLException {
		return execute(connection, "UPDATE " + this.qualifiedTable + " SET state = " + this.dialect.literal(state.id())
				+ " WHERE version = " + version);
	}

	/**
	 * Updates a row's checksum and description to match its source ({@code repair}).
	 * @param connection the connection
	 * @param version the version
	 * @param description the description now
	 * @param checksum the checksum now
	 * @throws SQLException on error
	 */
	public void updateIdentity(Connection connection, long version, String description, String checksum)
			throws SQLException {
		execute(connection, "UPDATE " + this.qualifiedTable + " SET description = " + this.dialect.literal(description)
				+ ", checksum = " + nullableLiteral(checksum) + " WHERE version = " + version);
	}

	private String nullableLiteral(String value) {
		return (value != null) ? this.dialect.literal(value) : "NULL";
	}

	/**
	 * Runs one write with literal values, like the writes batched with migrations: history
	 * writes never become the driver's named server-side statements, which a
	 * transaction-mode pooler hands to the wrong server connection (the driver's own
	 * COMMIT still does, unless the URL sets prepareThreshold=0).
	 */
	private static int execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			return statement.executeUpdate(sql);
		}
	}

}
