package io.migrator.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.Direction;
import io.migrator.core.DriftReport;
import io.migrator.core.ErrorCode;
import io.migrator.core.LegacyTracker;
import io.migrator.core.MigrationFailedException;
import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationResult;
import io.migrator.core.MigrationState;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.MigratorException;
import io.migrator.core.Outcome;
import io.migrator.core.RunResult;
import io.migrator.core.StatusReport;
import io.migrator.core.ValidationProblem;
import io.migrator.core.ValidationProblem.Kind;
import io.migrator.core.ValidationResult;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.drift.DriftCheck;
import io.migrator.core.internal.dialect.Dialects;
import io.migrator.core.internal.dialect.SqlErrors;
import io.migrator.core.internal.execute.MigrationExecutor;
import io.migrator.core.internal.execute.ProgressReporter;
import io.migrator.core.internal.execute.StatementFailedException;
import io.migrator.core.internal.history.AppliedMigration;
import io.migrator.core.internal.history.AppliedState;
import io.migrator.core.internal.history.HistorySnapshot;
import io.migrator.core.internal.history.HistoryStore;
import io.migrator.core.internal.lock.MigrationLock;
import io.migrator.core.internal.lock.MigrationLocks;
import io.migrator.core.internal.lock.MigrationSessions;
import io.migrator.core.internal.plan.MigrationPlanner;
import io.migrator.core.internal.source.GoMigrationSource;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;

/**
 * The engine behind {@link Migrator}. Every operation reads the history in one query
 * first; operations that change something and have something to do then take the lock,
 * create the history table if needed, read the history again under the lock (another
 * process may have migrated meanwhile) and run.
 */
final class DefaultMigrator implements Migrator {

	private static final Logger logger = LoggerFactory.getLogger(DefaultMigrator.class);

	private final MigratorConfiguration configuration;

	private final MigrationPlanner planner;

	private final CompositeListener listener;

	private final Function<String, String> variables;

	private final boolean catalogFixed;

	private volatile CompletableFuture<MigrationCatalog> fixedCatalog;

	DefaultMigrator(MigratorConfiguration configuration) {
		this.configuration = configuration;
		this.planner = new MigrationPlanner(configuration.allowOutOfOrder(), configuration.validateChecksums());
		this.listener = new CompositeListener(configuration.listeners());
		this.variables = configuration::lookupVariable;
		// Classpath resources do not change while a class loader lives; files on disk may be
		// edited between two operations of one migrator (repair after a fix, for one).
		this.catalogFixed = configuration.locations()
			.stream()
			.noneMatch((location) -> location.startsWith("filesystem:"));
	}

	@Override
	public MigratorConfiguration configuration() {
		return this.configuration;
	}

	@Override
	public RunResult up() {
		return change("up", (catalog, history) -> upSteps(catalog, history, Long.MAX_VALUE, Integer.MAX_VALUE), false);
	}

	@Override
	public RunResult upByOne() {
		return change("up-by-one", (catalog, history) -> upSteps(catalog, history, Long.MAX_VALUE, 1), false);
	}

	@Override
	public RunResult upTo(long version) {
		requireVersion(version, 1);
		return change("up-to", (catalog, history) -> upSteps(catalog, history, version, Integer.MAX_VALUE), false);
	}

	@Override
	public RunResult down() {
		return change("down", (catalog, history) -> downSteps(catalog, history, 0, 1, "down"), true);
	}

	@Override
	public RunResult downTo(long version) {
		requireVersion(version, 0);
		return change("down-to",
				(catalog, history) -> downSteps(catalog, history, version, Integer.MAX_VALUE, "down-to"), true);
	}

	@Override
	public RunResult redo() {
		return change("redo", (catalog, history) -> {
			List<Step> steps = new ArrayList<>(downSteps(catalog, history, 0, 1, "redo"));
			if (!steps.isEmpty()) {
				steps.add(new Step(steps.get(0).source(), Direction.UP));
			}
			return steps;
		}, true);
	}

	@Override
	public RunResult reset() {
		return change("reset", (catalog, history) -> downSteps(catalog, history, 0, Integer.MAX_VALUE, "reset"),
				true);
	}

	@Override
	public StatusReport status() {
		CompletableFuture<MigrationCatalog> loading = loadCatalog();
		try (Connection connection = connect()) {
			Dialect dialect = Dialects.of(connection);
			HistorySnapshot history = locate(dialect, connection).history();
			StatusReport report = this.planner.status(await(loading), history);
			return history.tableExists() ? report : report.managedBy(managingTool(dialect, connection));
		}
		catch (SQLException ex) {
			throw databaseFailure("status", ex);
		}
	}

	@Override
	public long version() {
		return readHistory().currentVersion();
	}

	@Override
	public ValidationResult validate() {
		CompletableFuture<MigrationCatalog> loading = loadCatalog();
		if (this.configuration.dataSource() == null) {
			MigrationCatalog catalog = await(loading);
			MigrationCatalog.verifyAgainstIndex(catalog.sources());
			return validateFilesAlone(catalog);
		}
		HistorySnapshot history = readHistory();
		MigrationCatalog catalog = await(loading);
		MigrationCatalog.verifyAgainstIndex(catalog.sources());
		List<ValidationProblem> problems = new ArrayList<>(validationProblems(catalog, history));
		problems.addAll(pendingSourceProblems(catalog, history));
		return new ValidationResult(problems);
	}

	@Override
	public ValidationResult check() {
		CompletableFuture<MigrationCatalog> loading = loadCatalog();
		HistorySnapshot history = readHistory();
		MigrationCatalog catalog = await(loading);
		List<ValidationProblem> problems = new ArrayList<>();
		if (!history.tableExists() && !catalog.sources().isEmpty()) {
			problems.add(new ValidationProblem(Kind.NO_HISTORY, 0, "The history table " + historyTableName()
					+ " does not exist: no migration was ever applied to this database. Run 'up' (or the "
					+ "migration Job) before starting the application."));
		}
		problems.addAll(validationProblems(catalog, history));
		problems.addAll(pendingSourceProblems(catalog, history));
		for (MigrationInfo info : this.planner.status(catalog, history).migrations()) {
			if (info.state() == MigrationState.PENDING
					|| (info.state() == MigrationState.OUT_OF_ORDER && this.configuration.allowOutOfOrder())) {
				problems.add(new ValidationProblem(Kind.PENDING, info.version(), "Migration " + info.version() + " ("
						+ info.description() + ", " + info.source() + ") is pending. Run 'up' to apply it."));
			}
		}
		return new ValidationResult(problems);
	}

	private List<ValidationProblem> validationProblems(MigrationCatalog catalog, HistorySnapshot history) {
		return this.planner.validate(catalog, history)
			.stream()
			.filter((problem) -> problem.kind() != Kind.MISSING || !this.configuration.ignoreMissingMigrations())
			.toList();
	}

	/**
	 * Parses every pending file as {@code up} would before running it, so a file that
	 * {@code up} refuses fails {@code validate} and {@code check} too.
	 */
	private List<ValidationProblem> pendingSourceProblems(MigrationCatalog catalog, HistorySnapshot history) {
		return new SourceValidator(this.variables, this.configuration.encoding())
			.problems(this.planner.pending(catalog, history, Long.MAX_VALUE));
	}

	/**
	 * Without a database every file counts as pending, as in goose's {@code validate}. A
	 * goose Go migration is not a problem here: only the history can tell whether it still
	 * has to run (then {@code up} refuses it) or was applied by goose long ago.
	 */
	private ValidationResult validateFilesAlone(MigrationCatalog catalog) {
		List<MigrationSource> runnable = new ArrayList<>();
		List<String> goMigrations = new ArrayList<>();
		for (MigrationSource source : catalog.sources()) {
			if (source instanceof GoMigrationSource go) {
				goMigrations.add(go.name());
			}
			else {
				runnable.add(source);
			}
		}
		if (!goMigrations.isEmpty()) {
			logger.info("Validated the files without a database; the goose Go migrations {} cannot be checked this "
					+ "way: 'up' refuses any of them that is still pending, unless a Java migration with its version "
					+ "replaces it", goMigrations);
		}
		return new ValidationResult(
				new SourceValidator(this.variables, this.configuration.encoding()).problems(runnable));
	}

	@Override
	public RunResult dryRun() {
		long started = System.nanoTime();
		CompletableFuture<MigrationCatalog> loading = loadCatalog();
		try (Connection connection = connect()) {
			Dialect dialect = Dialects.of(connection);
			HistoryStore.Located located = locate(dialect, connection);
			HistoryStore store = located.store();
			HistorySnapshot history = located.history();
			MigrationCatalog catalog = await(loading);
			requireValid(this.planner.validate(catalog, history), Set.of(Kind.MISSING));
			List<Step> steps = upSteps(catalog, history, Long.MAX_VALUE, Integer.MAX_VALUE);
			if (!history.tableExists() && !steps.isEmpty()) {
				requireNotManagedByAnotherTool("dry-run", dialect, connection);
			}
			MigrationCatalog.verifyAgainstIndex(steps.stream().map(Step::source).toList());
			Map<Step, Boolean> transactional = new SourceValidator(this.variables, this.configuration.encoding())
				.transactionalByStep(steps);
			MigrationExecutor executor = new MigrationExecutor(store, this.variables, this.configuration.encoding());
			List<MigrationResult> results = new ArrayList<>();
			connection.setAutoCommit(false);
			boolean tried = false;
			try {
				if (!history.tableExists()) {
					store.create(connection, createSchema());
				}
				for (Step step : steps) {
					results.add(verify(connection, executor, step, transactional.get(step), results,
							history.currentVersion(), started));
				}
				tried = true;
			}
			finally {
				if (!tried) {
					abandonDryRun(connection);
				}
			}
			connection.rollback();
			connection.setAutoCommit(true);
			return new RunResult("dry-run", history.currentVersion(), history.currentVersion(), results,
					elapsedSince(started));
		}
		catch (SQLException ex) {
			throw databaseFailure("dry-run", ex);
		}
	}

	@Override
	public RunResult baseline(long version) {
		requireVersion(version, 1);
		return administer("baseline", (connection, store, catalog, history) -> {
			requireEmptyHistory("baseline", history);
			List<MigrationResult> results = new ArrayList<>();
			for (MigrationSource source : catalog.sources()) {
				if (source.version() <= version) {
					store.insert(connection, source.version(), source.description(), source.type(), source.checksum(),
							AppliedState.BASELINE, Duration.ZERO);
					results.add(result(source, Direction.UP, Duration.ZERO, Outcome.MARKED_APPLIED, null));
				}
			}
			if (results.isEmpty()) {
				logger.warn("Baseline {}: no migration of this build has a version at or below {}; nothing marked",
						version, version);
			}
			return results;
		});
	}

	@Override
	public RunResult repair() {
		return administer("repair", (connection, store, catalog, history) -> {
			List<MigrationResult> results = new ArrayList<>();
			Map<Long, List<MigrationSource>> renames = this.planner.renames(catalog, history);
			for (AppliedMigration applied : history.rows().values()) {
				MigrationSource source = catalog.find(applied.version());
				List<MigrationSource> renamedTo = renames.getOrDefault(applied.version(), List.of());
				if (renamedTo.size() == 1) {
					MigrationSource now = renamedTo.get(0);
					if (!store.moveVersion(connection, applied.version(), now.version(), now.description(),
							now.checksum())) {
						throw new MigratorException(ErrorCode.HISTORY_FAILED, "Repair could not move the history row "
								+ "of version " + applied.version() + " to " + now.version() + " in "
								+ store.qualifiedTable() + ": the row changed meanwhile. Run 'status' and repair again.");
					}
					logger.info("Repair: version {} ({}) was renamed to {}; its history row now records version {} "
							+ "({}), applied as before", applied.version(), applied.description(), now.name(),
							now.version(), now.description());
					results.add(result(now, Direction.UP, Duration.ZERO, Outcome.REPAIRED, null));
				}
				else if (applied.state().incomplete()) {
					requireRowChanged(store.delete(connection, applied.version()), store, applied, "remove");
					logger.info("Repair: removed the incomplete row of version {}; it is pending again",
							applied.version());
					results.add(new MigrationResult(applied.version(), applied.description(), applied.type(),
							Direction.UP, Duration.ZERO, Outcome.REPAIRED, null));
				}
				else if (source != null && (!source.description().equals(applied.description())
						|| (source.checksum() != null && !source.checksum().equals(applied.checksum())))) {
					requireRowChanged(store.updateIdentity(connection, applied.version(), source.description(),
							source.checksum()), store, applied, "update");
					logger.info("Repair: version {} now records description '{}' and checksum {}", applied.version(),
							source.description(), source.checksum());
					results.add(result(source, Direction.UP, Duration.ZERO, Outcome.REPAIRED, null));
				}
			}
			return results;
		});
	}

	@Override
	public DriftReport drift(DataSource scratchDatabase) {
		return new DriftCheck(this.configuration, scratchDatabase).run();
	}

	@Override
	public RunResult adopt(LegacyTracker tracker, String table, boolean evenIfHistoryExists) {
		return administer("adopt", (connection, store, catalog, history) -> {
			LegacyImporter importer = new LegacyImporter(Dialects.of(connection), this.configuration.schema());
			List<MigrationSource> toRecord = new ArrayList<>();
			List<Long> unmatched = new ArrayList<>();
			Map<Long, java.time.Instant> legacy = importer.appliedVersions(connection, tracker, table, catalog);
			for (long version : legacy.keySet()) {
				MigrationSource source = catalog.find(version);
				if (source == null) {
					unmatched.add(version);
				}
				else if (!history.rows().containsKey(version)) {
					toRecord.add(source);
				}
			}
			if (!unmatched.isEmpty()) {
				logger.warn("Adopt: versions {} are applied according to {} but have no migration in this build; "
						+ "they were not recorded", unmatched, tracker);
			}
			if (!toRecord.isEmpty() && !history.rows().isEmpty() && !evenIfHistoryExists) {
				throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot adopt: the history table "
						+ historyTableName() + " already has " + history.rows().size() + " row(s), and " + tracker
						+ " lists versions " + toRecord.stream().map(MigrationSource::version).toList()
						+ " it does not have. Check that both describe this database, then adopt again allowing a "
						+ "non-empty history (--force).");
			}
			List<MigrationResult> results = new ArrayList<>();
			for (MigrationSource source : toRecord) {
				store.insertAdopted(connection, source.version(), source.description(), source.type(),
						legacy.get(source.version()));
				results.add(result(source, Direction.UP, Duration.ZERO, Outcome.MARKED_APPLIED, null));
			}
			return results;
		});
	}

	private List<Step> upSteps(MigrationCatalog catalog, HistorySnapshot history, long target, int limit) {
		return this.planner.pending(catalog, history, target)
			.stream()
			.limit(limit)
			.map((source) -> new Step(source, Direction.UP))
			.toList();
	}

	private List<Step> downSteps(MigrationCatalog catalog, HistorySnapshot history, long target, int limit,
			String operation) {
		List<Step> steps = new ArrayList<>();
		DownSections downSections = new DownSections(this.variables, this.configuration.encoding());
		for (AppliedMigration applied : history.rows().descendingMap().values()) {
			if (applied.version() <= target || steps.size() >= limit) {
				break;
			}
			MigrationSource source = catalog.find(applied.version());
			if (source == null) {
				throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot undo version " + applied.version()
						+ " (" + applied.description() + "): this build has no migration with that version. Run the "
						+ "build that applied it, or restore its file.");
			}
			boolean rowOnly = !downSections.hasDown(source);
			if (rowOnly && (operation.equals("redo") || !this.configuration.removeHistoryRowWhenNoDown())) {
				throw noDown(operation, source);
			}
			steps.add(new Step(source, Direction.DOWN, rowOnly));
		}
		return steps;
	}

	/**
	 * Checks the sources of the steps not validated yet (the index, then the files as
	 * {@code up} would parse them) and returns whether each step runs in a transaction, so
	 * that no step runs unchecked or with a guessed transaction mode.
	 */
	private static Map<Step, Boolean> validated(SourceValidator validator, List<Step> steps,
			Map<Step, Boolean> known) {
		List<Step> unchecked = steps.stream().filter((step) -> !known.containsKey(step)).toList();
		if (unchecked.isEmpty()) {
			return known;
		}
		MigrationCatalog.verifyAgainstIndex(unchecked.stream().map(Step::source).toList());
		Map<Step, Boolean> transactional = new HashMap<>(known);
		transactional.putAll(validator.transactionalByStep(unchecked));
		return transactional;
	}

	/**
	 * Repair reads the history under the lock, so a row it means to change can only be gone
	 * when something outside migrator changed the table: stop rather than report it repaired.
	 */
	private static void requireRowChanged(int changed, HistoryStore store, AppliedMigration applied, String what) {
		if (changed != 1) {
			throw new MigratorException(ErrorCode.HISTORY_FAILED, "Repair could not " + what + " the history row of "
					+ "version " + applied.version() + " (" + applied.description() + ") in " + store.qualifiedTable()
					+ ": " + changed + " rows changed, so the table was changed outside migrator meanwhile. Run "
					+ "'status' to see what it holds now, then repair again.");
		}
	}

	private static MigratorException noDown(String operation, MigrationSource source) {
		String consequence = operation.equals("redo")
				? "redo would delete its history row while its changes stay, then apply its Up a second time"
				: "undoing it would only delete its history row while its changes stay in the database";
		String advice = operation.equals("redo")
				? "Add a down part that reverses the Up, then redo."
				: "Add a down part that reverses the Up; or, to only forget that it was applied (its changes stay), "
						+ "allow it with removeHistoryRowWhenNoDown (--remove-history-row-when-no-down).";
		return new MigratorException(ErrorCode.NO_DOWN_MIGRATION, "Cannot " + operation + " version "
				+ source.version() + " (" + source.description() + "): " + DownSections.missingPart(source) + ", so "
				+ consequence + ". Nothing was run. " + advice);
	}

	private RunResult change(String operation, StepPlanner stepPlanner, boolean toleratesOutOfOrder) {
		long started = System.nanoTime();
		// The database may be ahead of this build (blue/green): missing versions are reported, not fatal.
		Set<Kind> tolerated = toleratesOutOfOrder ? Set.of(Kind.OUT_OF_ORDER, Kind.MISSING) : Set.of(Kind.MISSING);
		List<MigrationResult> results = new ArrayList<>();
		long versionBefore = 0;
		TreeSet<Long> applied = new TreeSet<>();
		this.listener.beforeRun(operation);
		try {
			CompletableFuture<MigrationCatalog> loading = loadCatalog();
			try (Connection connection = connect()) {
				Dialect dialect = Dialects.of(connection);
				HistoryStore.Located located = locate(dialect, connection);
				HistoryStore store = located.store();
				HistorySnapshot history = located.history();
				MigrationCatalog catalog = await(loading);
				versionBefore = history.currentVersion();
				applied.addAll(appliedVersions(history));
				MigrationSessions sessions = new MigrationSessions(dialect, store.qualifiedTable());
				if (history.rows().values().stream().anyMatch((row) -> row.state().incomplete())) {
					// Say why it is incomplete when its statement is in fact still running.
					sessions.requireNoneRunning(connection, operation);
				}
				requireValid(this.planner.validate(catalog, history), tolerated);
				List<Step> steps = stepPlanner.plan(catalog, history);
				if (!history.tableExists() && !steps.isEmpty()) {
					requireNotManagedByAnotherTool(operation, dialect, connection);
				}
				if (steps.isEmpty()) {
					logger.info("{}: nothing to do, the database is at version {}", operation, versionBefore);
				}
				else {
					SourceValidator validator = new SourceValidator(this.variables, this.configuration.encoding());
					Map<Step, Boolean> transactional = validated(validator, steps, Map.of());
					// The hook reports once the run has ended and released its lock.
					try (ShutdownCancellation cancellation = new ShutdownCancellation(operation)) {
						try (MigrationLock.Held lock = lock(dialect, store).acquire()) {
							if (!history.tableExists()) {
								store.create(connection, createSchema());
							}
							history = readUnderLock(store, dialect, connection);
							versionBefore = history.currentVersion();
							applied.clear();
							applied.addAll(appliedVersions(history));
							int migrationPid = sessions.requireNoneRunning(connection, operation);
							requireValid(this.planner.validate(catalog, history), tolerated);
							steps = stepPlanner.plan(catalog, history);
							// Another process may have changed the history before the lock was ours.
							transactional = validated(validator, steps, transactional);
							ProgressReporter progress = new ProgressReporter(this.configuration.progressInterval(),
									() -> sessions.describeBlockers(this.configuration.dataSource(), migrationPid));
							run(operation, cancellation.track(connection), store, lock, sessions, progress, steps,
									transactional, results, applied, versionBefore, started);
							cancellation.outcome("it had finished; " + committedBy(results));
						}
						catch (RuntimeException | SQLException ex) {
							cancellation.outcome(committedBy(results) + "; then it stopped: " + ex.getMessage());
							throw ex;
						}
					}
				}
			}
			catch (SQLException ex) {
				throw databaseFailure(operation, ex);
			}
			RunResult result = new RunResult(operation, versionBefore, currentOf(applied), results,
					elapsedSince(started));
			this.listener.afterRun(result);
			return result;
		}
		catch (MigratorException ex) {
			RunResult partial = (ex instanceof MigrationFailedException failed) ? failed.getPartialResult()
					: new RunResult(operation, versionBefore, currentOf(applied), results, elapsedSince(started));
			this.listener.afterRun(partial);
			this.listener.runFailed(operation, ex);
			throw ex;
		}
	}

	private void run(String operation, Connection connection, HistoryStore store, MigrationLock.Held lock,
			MigrationSessions sessions, ProgressReporter reporter, List<Step> steps, Map<Step, Boolean> transactional, List<MigrationResult> results, TreeSet<Long> applied,
			long versionBefore, long started) throws SQLException {
		MigrationExecutor executor = new MigrationExecutor(store, this.variables, this.configuration.encoding());
		try (ProgressReporter progress = reporter) {
			for (Step step : steps) {
				verifyLock(lock, results);
				MigrationSource source = step.source();
				this.listener.beforeMigration(source.version(), source.description(), step.direction());
				logger.info("Running {} from {}", step.describe(), source.name());
				progress.start(step.describe());
				long stepStarted = System.nanoTime();
				boolean inTransaction = transactional.get(step);
				// A session without a transaction is named for the migration, so a later run can see its
				// statement still running should this process die.
				Duration took;
				try (MigrationSessions.Mark mark = inTransaction ? null : sessions.mark(connection, source.version())) {
					took = executor.execute(connection, source, step.direction(), inTransaction);
				}
				catch (StatementFailedException ex) {
					progress.stop();
					executor.recordExecutionTimes(connection, ex);
					MigrationResult failed = result(source, step.direction(), elapsedSince(stepStarted),
							Outcome.FAILED, ex.getMessage());
					results.add(failed);
					this.listener.afterMigration(failed);
					RunResult partial = new RunResult(operation, versionBefore, currentOf(applied), results,
							elapsedSince(started));
					String recorded = ex.connectionLost() ? historyAfterConnectionLoss(store, source.version()) : "";
					throw FailureMessages.migrationFailed(step.source(), step.direction(), inTransaction, ex, partial,
							failed, recorded);
				}
				catch (MigratorException ex) {
					progress.stop();
					executor.recordExecutionTimes(connection, ex);
					MigrationResult failed = result(source, step.direction(), elapsedSince(stepStarted),
							Outcome.FAILED, ex.getMessage());
					results.add(failed);
					this.listener.afterMigration(failed);
					throw ex;
				}
				progress.stop();
				if (step.direction() == Direction.UP) {
					applied.add(source.version());
				}
				else {
					applied.remove(source.version());
				}
				MigrationResult done;
				if (step.historyRowOnly()) {
					String note = DownSections.missingPart(source) + ": only its history row was removed, as allowed "
							+ "by removeHistoryRowWhenNoDown; its changes are still in the database";
					done = result(source, step.direction(), took, Outcome.HISTORY_ROW_REMOVED, note);
					logger.warn("Version {} ({}): {}", source.version(), source.description(), note);
				}
				else {
					done = result(source, step.direction(), took, Outcome.SUCCEEDED, null);
				}
				logger.info("Finished {} in {} ms", step.describe(), done.duration().toMillis());
				results.add(done);
				this.listener.afterMigration(done);
			}
			executor.recordExecutionTimes(connection);
			// A lock lost during the last migration must not end in a report of success.
			verifyLock(lock, results);
		}
	}

	/**
	 * Describes what a run committed, for a report after a shutdown.
	 */
	private static String committedBy(List<MigrationResult> results) {
		List<String> done = results.stream()
			.filter((result) -> !result.failed())
			.map((result) -> result.version() + " " + result.direction().name().toLowerCase(Locale.ROOT))
			.toList();
		return done.isEmpty() ? "this run committed no migration"
				: "this run committed version(s) " + String.join(", ", done);
	}

	/**
	 * Reads the history on a new connection after the run's connection was lost, so the
	 * message says what the database holds instead of what it might hold.
	 */
	private String historyAfterConnectionLoss(HistoryStore store, long version) {
		try (Connection fresh = connect()) {
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
	private static void verifyLock(MigrationLock.Held lock, List<MigrationResult> results) {
		try {
			lock.verify();
		}
		catch (MigratorException ex) {
			List<String> done = results.stream()
				.map((result) -> result.version() + " " + result.direction().name().toLowerCase(Locale.ROOT))
				.toList();
			throw new MigratorException(ex.getErrorCode(), ex.getMessage() + (done.isEmpty()
					? " This run had not run any migration yet."
					: " This run ran and recorded " + done + " before it noticed; the history holds exactly those."),
					ex);
		}
	}

	/**
	 * Rolls back a dry-run that ended with an exception, without hiding that exception: on a
	 * broken connection the rollback fails too, and closing the connection ends the
	 * transaction anyway.
	 */
	private static void abandonDryRun(Connection connection) {
		try {
			connection.rollback();
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			logger.debug("Could not roll back the dry-run; closing the connection ends it", ex);
		}
	}

	/**
	 * Tries one step of a dry-run. A failed statement is a result; a lost connection ends the
	 * dry-run, since nothing more can be tried on it.
	 */
	private MigrationResult verify(Connection connection, MigrationExecutor executor, Step step,
			boolean transactional, List<MigrationResult> resultsSoFar, long version, long started) {
		MigrationSource source = step.source();
		if (!transactional) {
			return result(source, Direction.UP, Duration.ZERO, Outcome.NOT_VERIFIABLE,
					"runs without a transaction, so it cannot be tried and rolled back");
		}
		long stepStarted = System.nanoTime();
		try {
			executor.verify(connection, source);
			return result(source, Direction.UP, elapsedSince(stepStarted), Outcome.VERIFIED, null);
		}
		catch (StatementFailedException ex) {
			MigrationResult failed = result(source, Direction.UP, elapsedSince(stepStarted), Outcome.FAILED,
					FailureMessages.where(source, ex) + ": " + ex.getMessage());
			if (ex.connectionLost()) {
				List<MigrationResult> results = new ArrayList<>(resultsSoFar);
				results.add(failed);
				throw FailureMessages.migrationFailed(source, Direction.UP, true, ex,
						new RunResult("dry-run", version, version, results, elapsedSince(started)), failed, "");
			}
			return failed;
		}
	}

	private RunResult administer(String operation, AdminWork work) {
		long started = System.nanoTime();
		MigrationCatalog catalog = await(loadCatalog());
		// Baseline, repair and adopt record checksums: they must be those of the files as they are.
		MigrationCatalog.verifyAgainstIndex(catalog.sources());
		this.listener.beforeRun(operation);
		try (Connection connection = connect()) {
			Dialect dialect = Dialects.of(connection);
			HistoryStore store = locate(dialect, connection).store();
			List<MigrationResult> results;
			HistorySnapshot history;
			try (MigrationLock.Held lock = lock(dialect, store).acquire()) {
				new MigrationSessions(dialect, store.qualifiedTable()).requireNoneRunning(connection, operation);
				store.create(connection, createSchema());
				history = readUnderLock(store, dialect, connection);
				results = work.run(connection, store, catalog, history);
			}
			HistorySnapshot after = read(store, connection);
			RunResult result = new RunResult(operation, history.currentVersion(), after.currentVersion(), results,
					elapsedSince(started));
			this.listener.afterRun(result);
			return result;
		}
		catch (SQLException ex) {
			MigratorException failure = databaseFailure(operation, ex);
			this.listener.runFailed(operation, failure);
			throw failure;
		}
		catch (MigratorException ex) {
			this.listener.runFailed(operation, ex);
			throw ex;
		}
	}

	/**
	 * Starts scanning the locations and hashing every file on another thread, so that this
	 * local work overlaps the round trips of opening a connection and reading the history
	 * (which only reads: nothing is written before the sources are known to be valid).
	 * A catalog of classpath locations only is loaded once and kept: health checks, gauges
	 * and the endpoint call {@link #status()} often, and must not rescan a fat jar and hash
	 * every file each time. Migrators of many tenants share one catalog while
	 * {@link SharedCatalogs} has a scope open.
	 */
	private CompletableFuture<MigrationCatalog> loadCatalog() {
		CompletableFuture<MigrationCatalog> fixed = this.fixedCatalog;
		if (fixed != null && !fixed.isCompletedExceptionally()) {
			return fixed;
		}
		CompletableFuture<MigrationCatalog> loading = SharedCatalogs.sharedOrLoad(this.configuration,
				() -> CompletableFuture.supplyAsync(() -> MigrationCatalog.load(this.configuration).hashAll()));
		if (this.catalogFixed) {
			this.fixedCatalog = loading;
		}
		return loading;
	}

	private static MigrationCatalog await(CompletableFuture<MigrationCatalog> loading) {
		try {
			return loading.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private HistorySnapshot readHistory() {
		try (Connection connection = connect()) {
			return locate(Dialects.of(connection), connection).history();
		}
		catch (SQLException ex) {
			throw databaseFailure("read history", ex);
		}
	}

	/**
	 * Reads the history and resolves, once for the whole operation, which schema its table
	 * is in; every later statement names that schema.
	 */
	private HistoryStore.Located locate(Dialect dialect, Connection connection) {
		HistoryStore store = new HistoryStore(dialect, this.configuration.schema(), this.configuration.table());
		try {
			return store.locate(connection);
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.HISTORY_FAILED, "Cannot read the history table "
					+ historyTableName() + ": " + SqlErrors.describe(ex)
					+ ". Check that the migration user may read it.", ex);
		}
	}

	private HistorySnapshot read(HistoryStore store, Connection connection) {
		try {
			return store.read(connection);
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.HISTORY_FAILED, "Cannot read the history table "
					+ store.qualifiedTable() + ": " + SqlErrors.describe(ex)
					+ ". Check that the migration user may read it.", ex);
		}
	}

	private HistorySnapshot readUnderLock(HistoryStore store, Dialect dialect, Connection connection) {
		try {
			return store.readAfterWriters(connection, this.configuration.lockTimeout());
		}
		catch (SQLException ex) {
			if (dialect.isLockWaitTimeout(ex)) {
				throw new MigratorException(ErrorCode.LOCK_FAILED, "Waited " + this.configuration.lockTimeout()
						+ " for a migration transaction that still holds the history table " + store.qualifiedTable()
						+ ", though its process no longer holds the migration lock (it crashed or was killed after "
						+ "sending it). The database ends it once it notices the lost client; or find it in "
						+ "pg_stat_activity and end it with pg_terminate_backend(pid), then run again.", ex);
			}
			throw new MigratorException(ErrorCode.HISTORY_FAILED, "Cannot read the history table "
					+ store.qualifiedTable() + " under the migration lock: " + SqlErrors.describe(ex)
					+ ". Check that the migration user may read and lock it.", ex);
		}
	}

	private Connection connect() {
		requireDataSource();
		Connection connection;
		try {
			connection = this.configuration.dataSource().getConnection();
		}
		catch (SQLException ex) {
			throw ConnectFailures.of(ex);
		}
		try {
			if (!connection.getAutoCommit()) {
				connection.setAutoCommit(true);
			}
			if (this.configuration.useSchemaAsSearchPath()) {
				connection.setSchema(this.configuration.schema());
			}
			return connection;
		}
		catch (SQLException ex) {
			try {
				connection.close();
			}
			catch (SQLException closing) {
				ex.addSuppressed(closing);
			}
			throw new MigratorException(ErrorCode.HISTORY_FAILED, "Cannot prepare the migration connection (autocommit"
					+ ((this.configuration.useSchemaAsSearchPath()) ? ", schema " + this.configuration.schema() : "")
					+ "): " + SqlErrors.describe(ex) + ". Check that the schema exists and the user may use it.", ex);
		}
	}

	private LegacyTracker managingTool(Dialect dialect, Connection connection) throws SQLException {
		return new LegacyImporter(dialect, this.configuration.schema()).managingTool(connection);
	}

	/**
	 * Refuses to start applying from version 1 on a database that goose or Flyway manages:
	 * their migrations ran already, and running them again fails at best and duplicates data
	 * at worst. Only asked when migrator's history table is missing, so a database migrator
	 * manages pays nothing for it.
	 */
	private void requireNotManagedByAnotherTool(String operation, Dialect dialect, Connection connection)
			throws SQLException {
		LegacyTracker tool = managingTool(dialect, connection);
		if (tool != null) {
			String cli = tool.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
			throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot " + operation + ": this database is "
					+ "managed by " + cli + " (its history table exists) and migrator's history table "
					+ historyTableName() + " does not exist yet, so every migration would run again from the first. "
					+ "Import what " + cli + " applied first: 'migrator adopt --from " + cli
					+ "' (Migrator.adopt(LegacyTracker." + tool.name() + ", false) in code), then run " + operation
					+ " again.");
		}
	}

	private void requireDataSource() {
		if (this.configuration.dataSource() == null) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "No DataSource configured: without one "
					+ "only validate() works, and it checks the files alone. Call dataSource(...) on the builder "
					+ "(CLI: pass --url) to run this operation.");
		}
	}

	/**
	 * Returns the lock of the history table as resolved for this operation, so every
	 * spelling of one table (default schema, {@code --schema public}) takes the same lock.
	 */
	private MigrationLock lock(Dialect dialect, HistoryStore store) {
		return MigrationLocks.create(this.configuration, this.configuration.dataSource(), dialect, store.schema(),
				store.qualifiedTable());
	}

	/**
	 * Returns whether to create the history table's schema: only one named in the
	 * configuration, since CREATE SCHEMA needs a privilege on the database even when the
	 * schema exists, and the current schema always does.
	 */
	private boolean createSchema() {
		return this.configuration.createSchema() && this.configuration.schema() != null;
	}

	private String historyTableName() {
		String schema = this.configuration.schema();
		return (schema != null) ? schema + "." + this.configuration.table() : this.configuration.table();
	}

	private static MigratorException databaseFailure(String operation, SQLException ex) {
		return new MigratorException(ErrorCode.HISTORY_FAILED, operation + " failed on the database: "
				+ SqlErrors.describe(ex) + ". Check the connection and that the migration user may create and "
				+ "write the history table; 'status' shows what is applied.", ex);
	}

	private static void requireValid(List<ValidationProblem> problems, Set<Kind> tolerated) {
		List<ValidationProblem> blocking = problems.stream()
			.filter((problem) -> !tolerated.contains(problem.kind()))
			.toList();
		if (!blocking.isEmpty()) {
			throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Validation failed, nothing was run:"
					+ System.lineSeparator() + new ValidationResult(blocking).describe());
		}
	}

	private void requireEmptyHistory(String operation, HistorySnapshot history) {
		if (!history.rows().isEmpty()) {
			throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot " + operation + ": the history table "
					+ historyTableName() + " already has " + history.rows().size() + " row(s), up to version "
					+ history.rows().lastKey() + ". " + operation + " is for a database migrator has not managed yet.");
		}
	}

	private static void requireVersion(long version, long minimum) {
		if (version < minimum) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION,
					"The version must be at least " + minimum + ", but was " + version);
		}
	}

	private static List<Long> appliedVersions(HistorySnapshot history) {
		return history.rows()
			.values()
			.stream()
			.filter((row) -> !row.state().incomplete())
			.map(AppliedMigration::version)
			.sorted(Comparator.naturalOrder())
			.toList();
	}

	private static long currentOf(TreeSet<Long> applied) {
		return applied.isEmpty() ? 0 : applied.last();
	}

	private static MigrationResult result(MigrationSource source, Direction direction, Duration duration,
			Outcome outcome, String error) {
		return new MigrationResult(source.version(), source.description(), source.type(), direction, duration,
				outcome, error, ranFrom(source, direction));
	}

	/** The file that ran: a pair's {@code .down.sql} when going down, else the source itself. */
	private static String ranFrom(MigrationSource source, Direction direction) {
		if (direction == Direction.DOWN && source instanceof io.migrator.core.internal.source.SqlMigrationSource sql
				&& sql.downFile() != null) {
			return sql.downFile().name();
		}
		return source.name();
	}

	private static Duration elapsedSince(long startedNanos) {
		return Duration.ofNanos(System.nanoTime() - startedNanos);
	}

	/**
	 * Chooses the steps of an operation from the sources and the history.
	 */
	@FunctionalInterface
	private interface StepPlanner {

		List<Step> plan(MigrationCatalog catalog, HistorySnapshot history);

	}

	/**
	 * The body of an administrative operation, run under the lock.
	 */
	@FunctionalInterface
	private interface AdminWork {

		List<MigrationResult> run(Connection connection, HistoryStore store, MigrationCatalog catalog,
				HistorySnapshot history) throws SQLException;

	}

}
