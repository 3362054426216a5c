package io.migrator.core.internal.execute;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Function;

import io.migrator.core.Direction;
import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationContext;
import io.migrator.core.internal.history.AppliedState;
import io.migrator.core.internal.history.HistoryStore;
import io.migrator.core.internal.parse.SqlStatement;
import io.migrator.core.internal.source.JavaMigrationSource;
import io.migrator.core.internal.source.MigrationSource;
import io.migrator.core.internal.source.SqlMigrationSource;

/**
 * Runs one migration in one direction and records it in the history.
 * <p>
 * A transactional SQL migration goes to the database as one pipelined JDBC batch: the
 * driver's BEGIN, every statement, the history row (which measures its own duration in
 * the database) and COMMIT, so that it costs one round trip. Very large files are sent in
 * several batches of the same transaction. When the batch fails, the transaction is
 * rolled back and the migration is replayed statement by statement in a transaction that
 * is rolled back too, only to name the statement and line that failed.
 * <p>
 * A NO TRANSACTION migration runs statement by statement in autocommit, between a
 * "started" and an "applied" history row, so a crash in between stays visible.
 */
public final class MigrationExecutor {

	private static final int MAX_BATCH_STATEMENTS = 1000;

	private static final long MAX_BATCH_CHARS = 4L * 1024 * 1024;

	private final HistoryStore history;

	private final Function<String, String> variables;

	private final Charset encoding;

	public MigrationExecutor(HistoryStore history, Function<String, String> variables, Charset encoding) {
		this.history = history;
		this.variables = variables;
		this.encoding = encoding;
	}

	/**
	 * Runs a migration and records it: inserts the history row going up, deletes it going
	 * down.
	 * @param connection the run's connection, in autocommit mode; left in autocommit mode
	 * @param source the migration
	 * @param direction which way to run it
	 * @param transactional whether to run it in a transaction with its history change
	 * @throws StatementFailedException when a statement (or the Java code) fails
	 * @throws SQLException when the history cannot be written
	 */
	public void execute(Connection connection, MigrationSource source, Direction direction, boolean transactional)
			throws StatementFailedException, SQLException {
		if (transactional) {
			executeInTransaction(connection, source, direction);
		}
		else {
			executeWithoutTransaction(connection, source, direction);
		}
	}

	/**
	 * Runs a migration going up inside the caller's open transaction, at a savepoint that
	 * is rolled back on failure; the history row is written too, so the caller's rollback
	 * undoes everything ({@code dry-run}).
	 * @param connection a connection with auto-commit off
	 * @param source the migration
	 * @throws StatementFailedException when a statement fails (rolled back to the savepoint)
	 * @throws SQLException on a connection error
	 */
	public void verify(Connection connection, MigrationSource source) throws StatementFailedException, SQLException {
		Savepoint savepoint = connection.setSavepoint();
		try {
			if (source instanceof SqlMigrationSource sql) {
				runOneByOne(connection, sql, Direction.UP, false);
			}
			else {
				runJava(connection, (JavaMigrationSource) source, Direction.UP, false);
			}
			recordApplied(connection, source, Duration.ZERO);
		}
		catch (StatementFailedException | SQLException ex) {
			connection.rollback(savepoint);
			throw ex;
		}
	}

	private void executeInTransaction(Connection connection, MigrationSource source, Direction direction)
			throws StatementFailedException, SQLException {
		connection.setAutoCommit(false);
		try {
			if (source instanceof SqlMigrationSource sql) {
				executeSqlBatched(connection, sql, direction);
			}
			else {
				long started = System.nanoTime();
				try (Statement claim = connection.createStatement()) {
					claim.execute(this.history.claimSql());
				}
				runJava(connection, (JavaMigrationSource) source, direction, false);
				recordInTransaction(connection, source, direction, Duration.ofNanos(System.nanoTime() - started));
			}
			connection.commit();
		}
		catch (StatementFailedException | SQLException | RuntimeException ex) {
			rollbackQuietly(connection, ex);
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	private void executeSqlBatched(Connection connection, SqlMigrationSource source, Direction direction)
			throws StatementFailedException, SQLException {
		try (Statement batch = connection.createStatement(); StatementStream statements = open(source, direction)) {
			batch.setEscapeProcessing(false);
			// First in the batch, so the claim is held before any statement of the migration runs.
			batch.addBatch(this.history.claimSql());
			int size = 1;
			long chars = 0;
			for (SqlStatement statement = statements.next(); statement != null; statement = statements.next()) {
				batch.addBatch(statement.sql());
				size++;
				chars += statement.sql().length();
				if (size >= MAX_BATCH_STATEMENTS || chars >= MAX_BATCH_CHARS) {
					sendBatch(connection, batch, source, direction);
					size = 0;
					chars = 0;
				}
			}
			batch.addBatch((direction == Direction.UP) ? this.history.insertAppliedInTransaction(source.version(),
					source.description(), source.type(), source.checksum()) : this.history.deleteSql(source.version()));
			// COMMIT travels in the batch; the driver sees the idle transaction and commit() sends nothing.
			batch.addBatch("COMMIT");
			sendBatch(connection, batch, source, direction);
		}
	}

	private void sendBatch(Connection connection, Statement batch, SqlMigrationSource source, Direction direction)
			throws StatementFailedException, SQLException {
		try {
			batch.executeBatch();
		}
		catch (SQLException ex) {
			SQLException cause = (ex.getNextException() != null) ? ex.getNextException() : ex;
			connection.rollback();
			throw locateFailure(connection, source, direction, cause);
		}
	}

	private StatementFailedException locateFailure(Connection connection, SqlMigrationSource source,
			Direction direction, SQLException batchFailure) throws SQLException {
		try {
			runOneByOne(connection, source, direction, false);
			if (direction == Direction.UP) {
				recordApplied(connection, source, Duration.ZERO);
			}
			else {
				this.history.delete(connection, source.version());
			}
			return failure(0, 0, batchFailure, false);
		}
		catch (StatementFailedException located) {
			return located;
		}
		catch (SQLException historyFailure) {
			return failure(0, 0, historyFailure, false);
		}
		finally {
			connection.rollback();
		}
	}

	private void executeWithoutTransaction(Connection connection, MigrationSource source, Direction direction)
			throws StatementFailedException, SQLException {
		long started = System.nanoTime();
		if (direction == Direction.UP) {
			this.history.insert(connection, source.version(), source.description(), source.type(), source.checksum(),
					AppliedState.STARTED, Duration.ZERO);
		}
		try {
			if (source instanceof SqlMigrationSource sql) {
				runOneByOne(connection, sql, direction, true);
			}
			else {
				runJava(connection, (JavaMigrationSource) source, direction, true);
			}
		}
		catch (StatementFailedException ex) {
			if (direction == Direction.UP && !ex.partiallyCommitted()) {
				// Nothing reached the database: the migration is simply not applied, not incomplete.
				this.history.delete(connection, source.version());
			}
			throw ex;
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		if (direction == Direction.UP) {
			this.history.markApplied(connection, source.version(), elapsed);
		}
		else {
			this.history.delete(connection, source.version());
		}
	}

	private void runOneByOne(Connection connection, SqlMigrationSource source, Direction direction,
			boolean autocommit) throws StatementFailedException {
		try (Statement statement = connection.createStatement(); StatementStream statements = open(source, direction)) {
			statement.setEscapeProcessing(false);
			boolean anyCommitted = false;
			for (SqlStatement next = statements.next(); next != null; next = statements.next()) {
				try {
					statement.execute(next.sql());
				}
				catch (SQLException ex) {
					throw failure(next.number(), next.line(), ex, anyCommitted);
				}
				anyCommitted = autocommit;
			}
		}
		catch (SQLException ex) {
			throw failure(0, 0, ex, false);
		}
	}

	private void runJava(Connection connection, JavaMigrationSource source, Direction direction, boolean autocommit)
			throws StatementFailedException {
		JavaMigration migration = source.migration();
		MigrationContext context = new MigrationContext(connection, source.version(), direction);
		try {
			if (direction == Direction.UP) {
				migration.up(context);
			}
			else {
				migration.down(context);
			}
		}
		catch (Exception ex) {
			String sqlState = (ex instanceof SQLException sqlException) ? sqlException.getSQLState() : null;
			String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
			throw new StatementFailedException(0, 0, sqlState, message, autocommit, ex);
		}
	}

	private void recordInTransaction(Connection connection, MigrationSource source, Direction direction,
			Duration elapsed) throws SQLException {
		if (direction == Direction.UP) {
			recordApplied(connection, source, elapsed);
		}
		else {
			this.history.delete(connection, source.version());
		}
	}

	private void recordApplied(Connection connection, MigrationSource source, Duration elapsed) throws SQLException {
		this.history.insert(connection, source.version(), source.description(), source.type(), source.checksum(),
				AppliedState.APPLIED, elapsed);
	}

	private StatementStream open(SqlMigrationSource source, Direction direction) {
		return StatementStream.open(source, direction, this.variables, this.encoding);
	}

	private static StatementFailedException failure(int number, int line, SQLException ex, boolean partial) {
		return new StatementFailedException(number, line, ex.getSQLState(), ex.getMessage(), partial, ex);
	}

	private static void rollbackQuietly(Connection connection, Exception failure) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

}
