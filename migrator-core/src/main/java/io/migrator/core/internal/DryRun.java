package io.migrator.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.Direction;
import io.migrator.core.MigrationResult;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.Outcome;
import io.migrator.core.RunResult;
import io.migrator.core.internal.execute.MigrationExecutor;
import io.migrator.core.internal.execute.StatementFailedException;
import io.migrator.core.internal.history.HistorySnapshot;
import io.migrator.core.internal.plan.MigrationPlanner;
import io.migrator.core.internal.plan.Plan;
import io.migrator.core.internal.plan.PlanRequest;
import io.migrator.core.internal.plan.SourceReader;
import io.migrator.core.internal.plan.Step;
import io.migrator.core.internal.report.FailureMessages;
import io.migrator.core.internal.report.MigrationResults;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;

/**
 * {@code dry-run}: tries every pending migration exactly as {@code up} would run it, in
 * one transaction that is rolled back at the end, and reports what would fail. It takes
 * no lock and leaves nothing behind, not even the history table.
 */
final class DryRun {

	private static final Logger logger = LoggerFactory.getLogger(DryRun.class);

	private static final String OPERATION = "dry-run";

	private final MigratorConfiguration configuration;

	private final CatalogCache catalogs;

	private final MigrationPlanner planner;

	DryRun(MigratorConfiguration configuration, CatalogCache catalogs, MigrationPlanner planner) {
		this.configuration = configuration;
		this.catalogs = catalogs;
		this.planner = planner;
	}

	RunResult run() {
		long started = System.nanoTime();
		PlanRequest request = PlanRequest.up(OPERATION, Long.MAX_VALUE, Integer.MAX_VALUE);
		try (DatabaseSession session = DatabaseSession.open(this.configuration, this.catalogs.load())) {
			HistorySnapshot history = session.history();
			MigrationCatalog catalog = session.catalog();
			SourceReader reader = new SourceReader(this.configuration);
			this.planner.requireRunnable(request, catalog, history);
			Plan plan = this.planner.plan(request, catalog, history, reader);
			if (!history.tableExists() && !plan.isEmpty()) {
				session.requireNotManagedByAnotherTool(OPERATION);
			}
			List<Step> steps = reader.steps(plan);
			MigrationExecutor executor = new MigrationExecutor(session.store(), this.configuration.substitution()::lookup,
					this.configuration.source().encoding());
			Connection connection = session.connection();
			List<MigrationResult> results = new ArrayList<>();
			connection.setAutoCommit(false);
			boolean tried = false;
			try {
				if (!history.tableExists()) {
					session.createHistoryTable();
				}
				for (Step step : steps) {
					results.add(verify(connection, executor, step, results, history.currentVersion(), started));
				}
				tried = true;
			}
			finally {
				if (!tried) {
					abandon(connection);
				}
			}
			connection.rollback();
			connection.setAutoCommit(true);
			return new RunResult(OPERATION, history.currentVersion(), history.currentVersion(), results,
					MigrationResults.elapsedSince(started));
		}
		catch (SQLException ex) {
			throw DatabaseSession.failure(OPERATION, ex);
		}
	}

	/**
	 * Tries one step. A failed statement is a result; a lost connection ends the dry-run,
	 * since nothing more can be tried on it.
	 */
	private static MigrationResult verify(Connection connection, MigrationExecutor executor, Step step,
			List<MigrationResult> resultsSoFar, long version, long started) {
		MigrationSource source = step.source();
		if (!step.transactional()) {
			return MigrationResults.of(source, Direction.UP, Duration.ZERO, Outcome.NOT_VERIFIABLE,
					"runs without a transaction, so it cannot be tried and rolled back");
		}
		long stepStarted = System.nanoTime();
		try {
			executor.verify(connection, step);
			return MigrationResults.of(source, Direction.UP, MigrationResults.elapsedSince(stepStarted),
					Outcome.VERIFIED, null);
		}
		catch (StatementFailedException ex) {
			MigrationResult failed = MigrationResults.of(source, Direction.UP,
					MigrationResults.elapsedSince(stepStarted), Outcome.FAILED,
					FailureMessages.where(source, ex) + ": " + ex.getMessage());
			if (ex.connectionLost()) {
				List<MigrationResult> results = new ArrayList<>(resultsSoFar);
				results.add(failed);
				throw FailureMessages.migrationFailed(source, Direction.UP, true, ex, new RunResult(OPERATION,
						version, version, results, MigrationResults.elapsedSince(started)), failed, "");
			}
			return failed;
		}
	}

	/**
	 * Rolls back a dry-run that ended with an exception, without hiding that exception: on a
	 * broken connection the rollback fails too, and closing the connection ends the
	 * transaction anyway.
	 */
	private static void abandon(Connection connection) {
		try {
			connection.rollback();
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			logger.debug("Could not roll back the dry-run; closing the connection ends it", ex);
		}
	}

}
