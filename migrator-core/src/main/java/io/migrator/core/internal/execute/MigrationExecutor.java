package io.migrator.core.internal.execute;

import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import io.migrator.core.Direction;
import io.migrator.core.ErrorCode;
import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationContext;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.history.AppliedState;
import io.migrator.core.internal.history.HistoryStore;
import io.migrator.core.internal.parse.SqlStatement;
import io.migrator.core.internal.plan.Step;
import io.migrator.core.internal.source.JavaMigrationSource;
import io.migrator.core.internal.source.MigrationSource;
import io.migrator.core.internal.source.SqlMigrationSource;

/**
 * Runs one migration in one direction and records it in the history.
 * <p>
 * A transactional migration is sent as a JDBC batch: the history claim, every statement,
 * the history row (which measures its own duration in the database) and, going up, COMMIT,
 * so an ordinary file costs one round trip. Two kinds of statement cannot travel in a
 * batch and run on their own, in the same transaction, after the batch built so far is
 * sent: a StatementBegin/StatementEnd block (one query as written, however many statements
 * it holds) and a statement that may return rows (the driver would run a batched one for
 * its first row only; see {@link StatementClassifier}). A failure is located from the batch
 * entry the driver names or from the statement that ran alone: nothing runs twice.
 * <p>
 * {@code dry-run} takes the same path ({@link #verify}) inside a transaction the caller
 * rolls back, so a migration fails there exactly where it would fail going up.
 * <p>
 * A NO TRANSACTION migration runs statement by statement in autocommit, between a
 * "started" history row and its completion, so a crash in between stays visible; its Down
 * likewise marks the row "started down" first. Every history write must change exactly one
 * row: anything else means another process changed the history, and the run stops saying
 * what the database holds.
 * <p>
 * A migration's execution time is the time this process saw it take: from taking its
 * first statement (from its file, or as the plan kept it) to its commit. That is the figure the run reports, logs and times, and the one its
 * history row ends with. The batch of a transactional migration cannot carry it (it is
 * known only once the batch is back), so its row first holds the database's own
 * measurement, which lacks the commit and the client's part; {@link #recordExecutionTimes}
 * writes the run's figures over them in one statement when the run ends, instead of a
 * second round trip per migration.
 */
public final class MigrationExecutor {

	/** Rows fetched at a time from a statement that returns rows, so a large result is not held whole. */
	private static final int FETCH_SIZE = 1000;

	private final HistoryStore history;

	private final Function<String, String> variables;

	private final Charset encoding;

	/** Transactional migrations applied whose rows still hold the database's measurement. */
	private final Map<Long, Duration> unrecordedTimes = new LinkedHashMap<>();

	public MigrationExecutor(HistoryStore history, Function<String, String> variables, Charset encoding) {
		this.history = history;
		this.variables = variables;
		this.encoding = encoding;
	}

	/**
	 * Runs a migration and records it: inserts the history row going up, deletes it going
	 * down.
	 * @param connection the run's connection, in autocommit mode; left in autocommit mode
	 * @param step the migration, which way to run it and whether in a transaction with its
	 * history change
	 * @return its execution time
	 * @throws StatementFailedException when a statement, the Java code, or the connection fails
	 * @throws MigratorException with {@link ErrorCode#HISTORY_FAILED} when a history write
	 * changed no row (the history was changed by someone else meanwhile)
	 */
	public Duration execute(Connection connection, Step step) throws StatementFailedException {
		if (!step.transactional()) {
			return executeWithoutTransaction(connection, step);
		}
		long started = System.nanoTime();
		executeInTransaction(connection, step);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		if (step.direction() == Direction.UP) {
			this.unrecordedTimes.put(step.source().version(), took);
		}
		else {
			this.unrecordedTimes.remove(step.source().version());
		}
		return took;
	}

	/**
	 * Writes the execution times of the transactional migrations applied since the last
	 * call over the database's measurement in their history rows; nothing when there are
	 * none. Called when the run ends, with its lock still held.
	 * @param connection the run's connection, in autocommit mode
	 * @throws SQLException when the update fails
	 * @throws MigratorException with {@link ErrorCode#HISTORY_FAILED} when a row this run
	 * wrote is gone (the history was changed by someone else meanwhile)
	 */
	public void recordExecutionTimes(Connection connection) throws SQLException {
		if (this.unrecordedTimes.isEmpty()) {
			return;
		}
		Map<Long, Duration> times = Map.copyOf(this.unrecordedTimes);
		this.unrecordedTimes.clear();
		int updated = this.history.updateExecutionTimes(connection, times);
		if (updated != times.size()) {
			throw new MigratorException(ErrorCode.HISTORY_FAILED, "Recording the execution times of version(s) "
					+ new TreeSet<>(times.keySet()) + " changed " + updated + " row(s) of "
					+ this.history.qualifiedTable() + " instead of " + times.size() + ": rows this run applied and "
					+ "committed are gone. Another process changed the history meanwhile (did this run lose its "
					+ "migration lock? did someone run 'repair'?). Run 'status' to see what is recorded before "
					+ "running again.");
		}
	}

	/**
	 * Like {@link #recordExecutionTimes(Connection)}, for a run that is failing: whatever
	 * goes wrong here is added to that failure instead of replacing it.
	 * @param connection the run's connection
	 * @param failure the failure that ends the run
	 */
	public void recordExecutionTimes(Connection connection, Exception failure) {
		try {
			recordExecutionTimes(connection);
		}
		catch (SQLException | RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	/**
	 * Runs a migration going up exactly as {@link #execute} runs a transactional one, but
	 * inside the caller's open transaction and without committing, at a savepoint that is
	 * rolled back on failure ({@code dry-run}).
	 * @param connection a connection with auto-commit off
	 * @param step the migration going up
	 * @throws StatementFailedException when it fails (rolled back to the savepoint)
	 */
	public void verify(Connection connection, Step step) throws StatementFailedException {
		Savepoint savepoint;
		try {
			savepoint = connection.setSavepoint();
		}
		catch (SQLException ex) {
			throw Failures.of(ExecutionPoint.TRANSACTION_START, ex, 0, false);
		}
		try {
			runInTransaction(connection, step, false);
		}
		catch (StatementFailedException | RuntimeException ex) {
			if (!(ex instanceof StatementFailedException failed && failed.connectionLost())) {
				try {
					connection.rollback(savepoint);
				}
				catch (SQLException rollbackFailure) {
					ex.addSuppressed(rollbackFailure);
				}
			}
			throw ex;
		}
	}

	private void executeInTransaction(Connection connection, Step step) throws StatementFailedException {
		try {
			connection.setAutoCommit(false);
		}
		catch (SQLException ex) {
			throw Failures.of(ExecutionPoint.TRANSACTION_START, ex, 0, false);
		}
		try {
			runInTransaction(connection, step, true);
		}
		catch (StatementFailedException | RuntimeException ex) {
			if (!(ex instanceof StatementFailedException failed && failed.connectionLost())) {
				rollbackQuietly(connection, ex);
			}
			throw ex;
		}
		finally {
			restoreAutoCommit(connection);
		}
	}

	/**
	 * The one path of a transactional migration, shared by {@code up}, {@code down} and
	 * {@code dry-run}; only the ending differs.
	 */
	private void runInTransaction(Connection connection, Step step, boolean commit) throws StatementFailedException {
		MigrationSource source = step.source();
		Direction direction = step.direction();
		// Going up, COMMIT travels in the batch; the driver then sees the idle transaction and
		// sends nothing more. Going down the history DELETE's row count is checked before
		// committing, since a missing row must not be committed over (down is rare: one more
		// round trip is cheap).
		boolean commitInBatch = commit && direction == Direction.UP;
		try (StatementBatch batch = StatementBatch.open(connection)) {
			// First, so the history table is claimed before any statement of the migration runs.
			batch.add(this.history.claimSql(), ExecutionPoint.HISTORY_CLAIM);
			if (source instanceof SqlMigrationSource sql) {
				try (StatementStream statements = open(sql, step)) {
					for (SqlStatement next = statements.next(); next != null; next = statements.next()) {
						if (next.block() || !StatementClassifier.batchable(next.sql())) {
							batch.send();
							runAlone(connection, next, 0);
						}
						else {
							batch.add(next.sql(), ExecutionPoint.of(next));
						}
					}
				}
			}
			else {
				batch.send();
				runJava(connection, (JavaMigrationSource) source, direction, false);
				// The code has the connection: a commit() or rollback() there would end the transaction.
				batch.add(this.history.requireClaimSql(), ExecutionPoint.TRANSACTION_CHECK_AFTER_JAVA);
			}
			batch.add(historyWriteSql(source, direction), ExecutionPoint.HISTORY_WRITE);
			if (commitInBatch) {
				batch.add("COMMIT", ExecutionPoint.COMMIT);
			}
			batch.send();
			if (batch.historyWriteRows() != 1) {
				throw historyOutOfStep(source, direction, batch.historyWriteRows(),
						commitInBatch ? Ran.COMMITTED : Ran.ROLLED_BACK);
			}
		}
		if (commit && !commitInBatch) {
			try {
				connection.commit();
			}
			catch (SQLException ex) {
				throw Failures.of(ExecutionPoint.COMMIT, ex, 0, ConnectionLoss.isLost(ex));
			}
		}
	}

	private String historyWriteSql(MigrationSource source, Direction direction) {
		return (direction == Direction.UP) ? this.history.insertAppliedInTransaction(source.version(),
				source.description(), source.type(), source.checksum()) : this.history.deleteSql(source.version());
	}

	private Duration executeWithoutTransaction(Connection connection, Step step) throws StatementFailedException {
		// Opened before the version is marked started: a file that cannot be read any more
		// (a large one is read again now) then leaves no row claiming that part of it ran.
		try (StatementStream statements = (step.source() instanceof SqlMigrationSource sql) ? open(sql, step)
				: null) {
			return executeWithoutTransaction(connection, step, statements);
		}
	}

	/**
	 * Runs a migration without a transaction between its "started" mark and its completion.
	 * @param statements the statements of a SQL migration, {@code null} for a Java one
	 */
	private Duration executeWithoutTransaction(Connection connection, Step step, StatementStream statements)
			throws StatementFailedException {
		MigrationSource source = step.source();
		Direction direction = step.direction();
		long started = System.nanoTime();
		try {
			int marked = (direction == Direction.UP)
					? this.history.insert(connection, source.version(), source.description(), source.type(),
							source.checksum(), AppliedState.STARTED, Duration.ZERO)
					: this.history.updateState(connection, source.version(), AppliedState.STARTED_DOWN);
			if (marked != 1) {
				throw historyOutOfStep(source, direction, marked, Ran.NOTHING);
			}
		}
		catch (SQLException ex) {
			throw Failures.of(ExecutionPoint.HISTORY_WRITE, ex, 0, false);
		}
		int committed;
		try {
			committed = (statements != null) ? runOneByOne(connection, statements)
					: runJava(connection, (JavaMigrationSource) source, direction, true);
		}
		catch (StatementFailedException ex) {
			if (!ex.partiallyCommitted() && !ex.connectionLost()) {
				undoMark(connection, source, direction, ex);
			}
			throw ex;
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		int recorded;
		try {
			recorded = (direction == Direction.UP) ? this.history.markApplied(connection, source.version(), elapsed)
					: this.history.delete(connection, source.version());
		}
		catch (SQLException ex) {
			throw Failures.of(ExecutionPoint.HISTORY_WRITE, ex, committed, false);
		}
		if (recorded != 1) {
			throw historyOutOfStep(source, direction, recorded, Ran.COMMITTED);
		}
		return elapsed;
	}

	/**
	 * Nothing of the migration reached the database: it is simply not applied (or still
	 * applied, going down), not incomplete.
	 */
	private void undoMark(Connection connection, MigrationSource source, Direction direction,
			StatementFailedException failure) {
		try {
			int restored = (direction == Direction.UP) ? this.history.delete(connection, source.version())
					: this.history.updateState(connection, source.version(), AppliedState.APPLIED);
			if (restored != 1) {
				failure.addSuppressed(historyOutOfStep(source, direction, restored, Ran.NOTHING));
			}
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	/**
	 * Runs each statement on its own in autocommit.
	 * @return how many statements ran (and were committed)
	 */
	private int runOneByOne(Connection connection, StatementStream statements) throws StatementFailedException {
		int committed = 0;
		for (SqlStatement next = statements.next(); next != null; next = statements.next()) {
			runAlone(connection, next, committed);
			committed++;
		}
		return committed;
	}

	/**
	 * Runs one statement (or block) as one query and reads every result to the end, so that
	 * a statement returning rows runs over all of them.
	 */
	private void runAlone(Connection connection, SqlStatement sql, int committedBefore)
			throws StatementFailedException {
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			statement.setFetchSize(FETCH_SIZE);
			boolean isResultSet = statement.execute(sql.sql());
			while (isResultSet || statement.getUpdateCount() != -1) {
				if (isResultSet) {
					try (ResultSet rows = statement.getResultSet()) {
						while (rows.next()) {
							// Reading each row is what makes the server produce it.
						}
					}
				}
				isResultSet = statement.getMoreResults();
			}
		}
		catch (SQLException ex) {
			throw Failures.of(ExecutionPoint.of(sql), ex, committedBefore, false);
		}
	}

	/**
	 * Runs a Java migration.
	 * @return 1: what it committed cannot be counted, and is not nothing
	 */
	private int runJava(Connection connection, JavaMigrationSource source, Direction direction, boolean autocommit)
			throws StatementFailedException {
		JavaMigration migration = source.migration();
		MigrationContext context = new MigrationContext(
				autocommit ? connection : ManagedTransactionConnection.of(connection), source.version(), direction);
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
			boolean lost = ex instanceof SQLException sqlException && ConnectionLoss.isLost(sqlException);
			// In autocommit the code may have committed part of its work before failing.
			throw new StatementFailedException(ExecutionPoint.JAVA_CODE, sqlState, message, autocommit ? 1 : 0, lost,
					false, ex);
		}
		return 1;
	}

	private MigratorException historyOutOfStep(MigrationSource source, Direction direction, int rows, Ran ran) {
		String write = (direction == Direction.UP) ? "record version " + source.version() + " as applied"
				: "remove the history row of version " + source.version();
		String state = switch (ran) {
			case NOTHING -> "None of its statements ran.";
			case ROLLED_BACK -> "Its transaction was rolled back: the database and the history are as they were "
					+ "before it.";
			case COMMITTED -> (direction == Direction.UP)
					? "Its changes ARE in the database (committed), but the history has no applied row for it, so a "
							+ "later 'up' would run it again. Check the schema, then record it by hand as applied, or "
							+ "undo its changes by hand."
					: "Its Down ran to completion (committed); the history has no row for it either, so they agree, "
							+ "but the history was changed behind this run's back.";
		};
		return new MigratorException(ErrorCode.HISTORY_FAILED, "Migration " + source.version() + " ("
				+ source.description() + ", " + source.name() + "): the history write to " + write + " changed "
				+ rows + " row(s) instead of 1 in " + this.history.qualifiedTable()
				+ ". Another process changed the history meanwhile (did this run lose its migration lock? did "
				+ "someone run 'repair'?). " + state + " The run stopped; run 'status' to see what is recorded "
				+ "before running again.");
	}

	private StatementStream open(SqlMigrationSource source, Step step) {
		return StatementStream.open(source, step.direction(), step.statements(), step.transactional(),
				this.variables, this.encoding);
	}

	private static void rollbackQuietly(Connection connection, Exception failure) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	private static void restoreAutoCommit(Connection connection) {
		try {
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			// Only a broken connection refuses this; the failure that broke it is being reported.
		}
	}

	/**
	 * What of a migration had reached the database when a history write went wrong.
	 */
	private enum Ran {

		/** None of its statements ran. */
		NOTHING,

		/** Its transaction (with the history write) is being rolled back. */
		ROLLED_BACK,

		/** Its statements are committed. */
		COMMITTED

	}

}
