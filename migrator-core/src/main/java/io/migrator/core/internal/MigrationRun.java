package io.migrator.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.Direction;
import io.migrator.core.MigrationFailedException;
import io.migrator.core.MigrationResult;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.MigratorException;
import io.migrator.core.Outcome;
import io.migrator.core.RunResult;
import io.migrator.core.internal.execute.MigrationExecutor;
import io.migrator.core.internal.execute.ProgressReporter;
import io.migrator.core.internal.execute.StatementFailedException;
import io.migrator.core.internal.history.AppliedMigration;
import io.migrator.core.internal.history.HistorySnapshot;
import io.migrator.core.internal.history.HistoryStore;
import io.migrator.core.internal.lock.MigrationLock;
import io.migrator.core.internal.lock.MigrationSessions;
import io.migrator.core.internal.plan.MigrationPlanner;
import io.migrator.core.internal.plan.Plan;
import io.migrator.core.internal.plan.PlanRequest;
import io.migrator.core.internal.plan.SourceReader;
import io.migrator.core.internal.plan.Step;
import io.migrator.core.internal.report.CompositeListener;
import io.migrator.core.internal.report.FailureMessages;
import io.migrator.core.internal.report.MigrationResults;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;

/**
 * One run of an operation that applies or undoes migrations ({@code up}, {@code down},
 * {@code redo}, ...): plan from the history read without the lock; when there is something
 * to do, read the files of the steps, take the lock, create the history table if needed,
 * read the history again under the lock (another process may have migrated meanwhile),
 * plan again and execute step by step, telling the listeners and reporting a failure with
 * what the database holds now. Used once.
 */
final class MigrationRun {

	private static final Logger logger = LoggerFactory.getLogger(MigrationRun.class);

	private final MigratorConfiguration configuration;

	private final CatalogCache catalogs;

	private final MigrationPlanner planner;

	private final CompositeListener listener;

	private final PlanRequest request;

	private final String operation;

	private final long started = System.nanoTime();

	private final List<MigrationResult> results = new ArrayList<>();

	/** The applied versions as this run changes them, for the version reported at the end. */
	private final TreeSet<Long> applied = new TreeSet<>();

	private long versionBefore;

	MigrationRun(MigratorConfiguration configuration, CatalogCache catalogs, MigrationPlanner planner,
			CompositeListener listener, PlanRequest request) {
		this.configuration = configuration;
		this.catalogs = catalogs;
		this.planner = planner;
		this.listener = listener;
		this.request = request;
		this.operation = request.operation();
	}

	RunResult run() {
		this.listener.beforeRun(this.operation);
		try {
			CatalogCache.Loading loading = this.catalogs.load();
			try (DatabaseSession session = DatabaseSession.open(this.configuration, loading)) {
				planAndRun(session);
			}
			catch (SQLException ex) {
				throw DatabaseSession.failure(this.operation, ex);
			}
			RunResult result = resultSoFar();
			this.listener.afterRun(result);
			return result;
		}
		catch (MigratorException ex) {
			RunResult partial = (ex instanceof MigrationFailedException failed) ? failed.getPartialResult()
					: resultSoFar();
			this.listener.afterRun(partial);
			this.listener.runFailed(this.operation, ex);
			throw ex;
		}
	}

	private void planAndRun(DatabaseSession session) throws SQLException {
		MigrationCatalog catalog = session.catalog();
		HistorySnapshot history = session.history();
		startFrom(history);
		MigrationSessions sessions = session.migrationSessions();
		if (history.rows().values().stream().anyMatch((row) -> row.state().incomplete())) {
			// Say why it is incomplete when its statement is in fact still running.
			sessions.requireNoneRunning(session.connection(), this.operation, history::isBeingUndone);
		}
		SourceReader reader = new SourceReader(this.configuration);
		this.planner.requireRunnable(this.request, catalog, history);
		Plan plan = this.planner.plan(this.request, catalog, history, reader);
		if (!history.tableExists() && !plan.isEmpty()) {
			session.requireNotManagedByAnotherTool(this.operation);
		}
		if (plan.isEmpty()) {
			logger.info("{}: nothing to do, the database is at version {}", this.operation, this.versionBefore);
			return;
		}
		// Every file is read and checked before the lock is taken. The steps are planned again
		// under the lock; the reader reads only files another process's changes brought in.
		reader.steps(plan);
		// The hook reports once the run has ended and released its lock.
		try (ShutdownCancellation cancellation = new ShutdownCancellation(this.operation)) {
			try (MigrationLock.Held lock = session.lock().acquire()) {
				if (!history.tableExists()) {
					session.createHistoryTable();
				}
				history = session.readHistoryUnderLock();
				startFrom(history);
				int migrationPid = sessions.requireNoneRunning(session.connection(), this.operation,
						history::isBeingUndone);
				this.planner.requireRunnable(this.request, catalog, history);
				// Another process may have changed the history before the lock was ours.
				List<Step> steps = reader.steps(this.planner.plan(this.request, catalog, history, reader));
				ProgressReporter progress = new ProgressReporter(this.configuration.progressInterval(),
						() -> sessions.describeBlockers(this.configuration.dataSource(), migrationPid));
				execute(cancellation.track(session.connection()), session.store(), lock, sessions, progress, steps);
				cancellation.outcome("it had finished; " + MigrationResults.committedBy(this.results));
			}
			catch (RuntimeException | SQLException ex) {
				cancellation.outcome(MigrationResults.committedBy(this.results) + "; then it stopped: "
						+ ex.getMessage());
				throw ex;
			}
		}
	}

	private void startFrom(HistorySnapshot history) {
		this.versionBefore = history.currentVersion();
		this.applied.clear();
		history.rows()
			.values()
			.stream()
			.filter((row) -> !row.state().incomplete())
			.map(AppliedMigration::version)
			.forEach(this.applied::add);
	}

	private void execute(Connection connection, HistoryStore store, MigrationLock.Held lock,
			MigrationSessions sessions, ProgressReporter reporter, List<Step> steps) throws SQLException {
		MigrationExecutor executor = new MigrationExecutor(store, this.configuration.substitution()::lookup,
				this.configuration.source().encoding());
		try (ProgressReporter progress = reporter) {
			for (Step step : steps) {
				verifyLock(lock);
				MigrationSource source = step.source();
				this.listener.beforeMigration(source.version(), source.description(), step.direction());
				logger.info("Running {} from {}", step.describe(), source.name());
				progress.start(step.describe());
				long stepStarted = System.nanoTime();
				// A session without a transaction is named for the migration, so a later run can see its
				// statement still running should this process die.
				Duration took;
				try (MigrationSessions.Mark mark = step.transactional() ? null
						: sessions.mark(connection, source.version())) {
					took = executor.execute(connection, step);
				}
				catch (StatementFailedException ex) {
					progress.stop();
					executor.recordExecutionTimes(connection, ex);
					MigrationResult failed = failed(step, stepStarted, ex.getMessage());
					String recorded = ex.connectionLost() ? historyAfterConnectionLoss(store, source.version()) : "";
					throw FailureMessages.migrationFailed(source, step.direction(), step.transactional(), ex,
							resultSoFar(), failed, recorded);
				}
				catch (MigratorException ex) {
					progress.stop();
					executor.recordExecutionTimes(connection, ex);
					failed(step, stepStarted, ex.getMessage());
					throw ex;
				}
				progress.stop();
				succeeded(step, took);
			}
			executor.recordExecutionTimes(connection);
			// A lock lost during the last migration must not end in a report of success.
			verifyLock(lock);
		}
	}

	private MigrationResult failed(Step step, long stepStarted, String error) {
		MigrationResult failed = MigrationResults.of(step.source(), step.direction(),
				MigrationResults.elapsedSince(stepStarted), Outcome.FAILED, error);
		this.results.add(failed);
		this.listener.afterMigration(failed);
		return failed;
	}

	private void succeeded(Step step, Duration took) {
		MigrationSource source = step.source();
		if (step.direction() == Direction.UP) {
			this.applied.add(source.version());
		}
		else {
			this.applied.remove(source.version());
		}
		MigrationResult done;
		if (step.historyRowOnly()) {
			String note = SourceReader.missingPart(source) + ": only its history row was removed, as allowed "
					+ "by removeHistoryRowWhenNoDown; its changes are still in the database";
			done = MigrationResults.of(source, step.direction(), took, Outcome.HISTORY_ROW_REMOVED, note);
			logger.warn("Version {} ({}): {}", source.version(), source.description(), note);
		}
		else {
			done = MigrationResults.of(source, step.direction(), took, Outcome.SUCCEEDED, null);
		}
		logger.info("Finished {} in {} ms", step.describe(), done.duration().toMillis());
		this.results.add(done);
		this.listener.afterMigration(done);
	}

	private RunResult resultSoFar() {
		return new RunResult(this.operation, this.versionBefore, this.applied.isEmpty() ? 0 : this.applied.last(),
				this.results, MigrationResults.elapsedSince(this.started));
	}

	/**
	 * Reads the history on a new connection after the run's connection was lost, so the
	 * message says what the database holds instead of what it might hold.
	 */
	private String historyAfterConnectionLoss(HistoryStore store, long version) {
		try (Connection fresh = DatabaseSession.connect(this.configuration)) {
			HistorySnapshot snapshot = store.read(fresh);
			AppliedMigration row = snapshot.rows().get(version);
			return "Read again on a new connection, the history records version " + version + " as "
					+ ((row != null) ? row.state().id() : "not applied") + "; the database is at version "
					+ snapshot.currentVersion() + ". ";
		}
		catch (SQLException | RuntimeException ex) {
			return "The history could not be read again on a new connection either (" + ex.getMessage()
					+ "); 'status' shows it once the database is reachable. ";
		}
	}

	/**
	 * Stops the run when its lock was lost, saying what this run did before it noticed.
	 */
	private void verifyLock(MigrationLock.Held lock) {
		try {
			lock.verify();
		}
		catch (MigratorException ex) {
			List<String> done = MigrationResults.ran(this.results);
			throw new MigratorException(ex.getErrorCode(), ex.getMessage() + (done.isEmpty()
					? " This run had not run any migration yet."
					: " This run ran and recorded " + done + " before it noticed; the history holds exactly those."),
					ex);
		}
	}

}
