package io.migrator.core.internal.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigrationType;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.dialect.Dialect;

/**
 * Reads and writes the history table: one row per applied version. The table is always
 * named with its schema: a store made without a schema is resolved by {@link #locate}
 * first, because a migration may change {@code search_path} (pg_dump output does) and an
 * unqualified name would then send history writes to another schema's table.
 */
public final class HistoryStore {

	private static final String COLUMNS = "version, description, type, checksum, state, applied_at, execution_ms, "
			+ "applied_by";

	private static final int EXECUTION_TIMES_PER_STATEMENT = 1000;

	private final Dialect dialect;

	private final String schema;

	private final String table;

	private final String qualifiedTable;

	/**
	 * Creates a store.
	 * @param dialect the database's dialect
	 * @param schema the exact schema name, or {@code null} until {@link #locate} resolves it
	 * @param table the exact table name
	 */
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
	 * Returns the schema the table is in.
	 * @return the exact schema name, {@code null} only before {@link #locate} and when the
	 * connection has no current schema
	 */
	public String schema() {
		return this.schema;
	}

	/**
	 * Returns the table's exact name.
	 * @return the name
	 */
	public String table() {
		return this.table;
	}

	/**
	 * Reads the history and, for a store without a schema, finds which schema the table
	 * is in: where the connection's {@code search_path} finds it, else the current schema
	 * (where it will be created). One query when the table exists, so the no-op start
	 * stays one round trip; every later statement of the operation uses the returned
	 * store, which names the schema.
	 * @param connection a connection in autocommit mode
	 * @return the store bound to its schema, and the snapshot
	 * @throws SQLException on a database error
	 */
	public Located locate(Connection connection) throws SQLException {
		if (this.schema != null) {
			return new Located(this, read(connection));
		}
		String sql = this.dialect.readHistoryWithSchema(this.dialect.quote(this.table), COLUMNS);
		TreeMap<Long, AppliedMigration> rows = new TreeMap<>();
		String found = null;
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				found = result.getString(1);
				if (result.getObject(2) != null) {
					AppliedMigration row = row(result, 2);
					rows.put(row.version(), row);
				}
			}
		}
		catch (SQLException ex) {
			if (!this.dialect.isUndefinedTable(ex)) {
				throw ex;
			}
			return new Located(new HistoryStore(this.dialect, currentSchema(connection), this.table),
					HistorySnapshot.missing());
		}
		return new Located(new HistoryStore(this.dialect, found, this.table), new HistorySnapshot(true, rows));
	}

	private String currentSchema(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(this.dialect.currentSchemaQuery())) {
			return result.next() ? result.getString(1) : null;
		}
	}

	/**
	 * Reads every row in ONE query; a missing table (or schema) is an empty snapshot. Runs
	 * in autocommit so that a missing table leaves no failed transaction behind.
	 * @param connection a connection in autocommit mode
	 * @return the snapshot
	 * @throws SQLException on any other error
	 */
	public HistorySnapshot read(Connection connection) throws SQLException {
		String sql = "SELECT " + COLUMNS + " FROM " + this.qualifiedTable;
		TreeMap<Long, AppliedMigration> rows = new TreeMap<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				AppliedMigration row = row(result, 1);
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

	private static MigrationType typeOf(String id) {
		for (MigrationType type : MigrationType.values()) {
			if (id != null && type.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
				return type;
			}
		}
		return null;
	}

	/**
	 * Reads one row; a type or state this version does not know is named with its row,
	 * since another tool or a newer migrator may have written it.
	 */
	private AppliedMigration row(ResultSet result, int first) throws SQLException {
		long version = result.getLong(first);
		String type = result.getString(first + 2);
		String state = result.getString(first + 4);
		MigrationType migrationType = typeOf(type);
		AppliedState appliedState = AppliedState.fromId(state);
		if (migrationType == null || appliedState == null) {
			String column = (appliedState == null) ? "state" : "type";
			String value = (appliedState == null) ? state : type;
			String known = (appliedState == null)
					? String.join(", ", Arrays.stream(AppliedState.values()).map(AppliedState::id).toList())
					: String.join(", ", Arrays.stream(MigrationType.values()).map(MigrationType::id).toList());
			throw new MigratorException(ErrorCode.HISTORY_FAILED, "The history table " + this.qualifiedTable
					+ " has a row for version " + version + " with " + column + " '" + value
					+ "', which this migrator does not know (it writes " + known + "). Was it written by hand, by "
					+ "another tool or by a newer migrator? Check that row: correct its " + column
					+ " (e.g. UPDATE " + this.qualifiedTable + " SET " + column + " = '"
					+ ((appliedState == null) ? "applied" : "sql") + "' WHERE version = " + version
					+ ") once you know what it stands for, or run the migrator that wrote it.");
		}
		Timestamp appliedAt = result.getTimestamp(first + 5);
		return new AppliedMigration(version, result.getString(first + 1), migrationType, result.getString(first + 3),
				appliedState, (appliedAt != null) ? appliedAt.toInstant() : null,
				Duration.ofMillis(result.getLong(first + 6)), result.getString(first + 7));
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
		if (this.schema == null) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "There is no schema to create the history "
					+ "table " + this.dialect.quote(this.table) + " in: the connection's search_path names no schema "
					+ "that exists, so it has no current schema. Set the schema option (migrator.schema, --schema), "
					+ "or fix the user's or database's search_path.");
		}
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
	 * Replaces the execution times of applied rows, in one round trip however many there
	 * are (a statement per 1000 rows keeps each statement small).
	 * @param connection the connection, in autocommit mode
	 * @param executionTimes the time of each version
	 * @return how many rows it changed: fewer than given when rows are gone
	 * @throws SQLException on error
	 */
	public int updateExecutionTimes(Connection connection, Map<Long, Duration> executionTimes) throws SQLException {
		List<Map.Entry<Long, Duration>> entries = new ArrayList<>(executionTimes.entrySet());
		try (Statement statement = connection.createStatement()) {
			for (int from = 0; from < entries.size(); from += EXECUTION_TIMES_PER_STATEMENT) {
				List<Map.Entry<Long, Duration>> chunk = entries.subList(from,
						Math.min(entries.size(), from + EXECUTION_TIMES_PER_STATEMENT));
				StringBuilder cases = new StringBuilder();
				StringBuilder versions = new StringBuilder();
				for (Map.Entry<Long, Duration> entry : chunk) {
					cases.append(" WHEN ").append(entry.getKey()).append(" THEN ").append(entry.getValue().toMillis());
					versions.append((versions.length() > 0) ? ", " : "").append(entry.getKey());
				}
				statement.addBatch("UPDATE " + this.qualifiedTable + " SET execution_ms = CASE version" + cases
						+ " END WHERE version IN (" + versions + ")");
			}
			return Arrays.stream(statement.executeBatch()).sum();
		}
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
	 * @return how many rows it changed: 0 when the row is gone
	 * @throws SQLException on error
	 */
	public int updateIdentity(Connection connection, long version, String description, String checksum)
			throws SQLException {
		return execute(connection, "UPDATE " + this.qualifiedTable + " SET description = " + this.dialect.literal(description)
				+ ", checksum = " + nullableLiteral(checksum) + " WHERE version = " + version);
	}

	/**
	 * Moves a row to the version a renamed migration has now ({@code repair}), keeping when
	 * and by whom it was applied.
	 * @param connection the connection
	 * @param from the version recorded
	 * @param to the version of the renamed file
	 * @param description the description now
	 * @param checksum the checksum now (equal to the recorded one)
	 * @return whether exactly that row was moved
	 * @throws SQLException on error, e.g. when a row for {@code to} exists
	 */
	public boolean moveVersion(Connection connection, long from, long to, String description, String checksum)
			throws SQLException {
		try (Statement statement = connection.createStatement()) {
			return statement.executeUpdate("UPDATE " + this.qualifiedTable + " SET version = " + to
					+ ", description = " + this.dialect.literal(description) + ", checksum = "
					+ nullableLiteral(checksum) + " WHERE version = " + from) == 1;
		}
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

	/**
	 * A store bound to the schema its table is in, and what it read.
	 *
	 * @param store the store; it names the schema in every statement
	 * @param history the history read
	 */
	public record Located(HistoryStore store, HistorySnapshot history) {
	}

}
