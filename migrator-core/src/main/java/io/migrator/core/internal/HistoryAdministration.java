package io.migrator.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.Direction;
import io.migrator.core.ErrorCode;
import io.migrator.core.LegacyTracker;
import io.migrator.core.MigrationResult;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.MigratorException;
import io.migrator.core.Outcome;
import io.migrator.core.RunResult;
import io.migrator.core.internal.history.AppliedMigration;
import io.migrator.core.internal.history.AppliedState;
import io.migrator.core.internal.history.HistorySnapshot;
import io.migrator.core.internal.history.HistoryStore;
import io.migrator.core.internal.lock.MigrationLock;
import io.migrator.core.internal.plan.MigrationPlanner;
import io.migrator.core.internal.report.CompositeListener;
import io.migrator.core.internal.report.MigrationResults;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;

/**
 * The operations that write the history without running migrations: {@code baseline}
 * (mark a database migrator has not managed yet), {@code repair} (accept renamed or edited
 * files, clear incomplete rows) and {@code adopt} (import what goose, Flyway or
 * golang-migrate applied). Each runs under the lock, on the history read under it.
 */
final class HistoryAdministration {

	private static final Logger logger = LoggerFactory.getLogger(HistoryAdministration.class);

	private final MigratorConfiguration configuration;

	private final CatalogCache catalogs;

	private final MigrationPlanner planner;

	private final CompositeListener listener;

	HistoryAdministration(MigratorConfiguration configuration, CatalogCache catalogs, MigrationPlanner planner,
			CompositeListener listener) {
		this.configuration = configuration;
		this.catalogs = catalogs;
		this.planner = planner;
		this.listener = listener;
	}

	RunResult baseline(long version) {
		return administer("baseline", (session, history) -> {
			HistoryStore store = session.store();
			requireEmptyHistory("baseline", history);
			List<MigrationResult> results = new ArrayList<>();
			for (MigrationSource source : session.catalog().sources()) {
				if (source.version() <= version) {
					store.insert(session.connection(), source.version(), source.description(), source.type(), source.checksum(),
							AppliedState.BASELINE, Duration.ZERO);
					results.add(MigrationResults.of(source, Direction.UP, Duration.ZERO, Outcome.MARKED_APPLIED, null));
				}
			}
			if (results.isEmpty()) {
				logger.warn("Baseline {}: no migration of this build has a version at or below {}; nothing marked",
						version, version);
			}
			return results;
		});
	}

	RunResult repair() {
		return administer("repair", (session, history) -> {
			Connection connection = session.connection();
			HistoryStore store = session.store();
			MigrationCatalog catalog = session.catalog();
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
					results.add(MigrationResults.of(now, Direction.UP, Duration.ZERO, Outcome.REPAIRED, null));
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
					results.add(MigrationResults.of(source, Direction.UP, Duration.ZERO, Outcome.REPAIRED, null));
				}
			}
			return results;
		});
	}

	RunResult adopt(LegacyTracker tracker, String table, boolean evenIfHistoryExists) {
		return administer("adopt", (session, history) -> {
			Connection connection = session.connection();
			MigrationCatalog catalog = session.catalog();
			LegacyImporter importer = new LegacyImporter(session.dialect(), this.configuration.history().schema());
			List<MigrationSource> toRecord = new ArrayList<>();
			List<Long> unmatched = new ArrayList<>();
			Map<Long, Instant> legacy = importer.appliedVersions(connection, tracker, table, catalog);
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
						+ this.configuration.history().qualifiedName() + " already has "
						+ history.rows().size() + " row(s), and " + tracker + " lists versions "
						+ toRecord.stream().map(MigrationSource::version).toList() + " it does not have. Check that "
						+ "both describe this database, then adopt again allowing a non-empty history (--force).");
			}
			List<MigrationResult> results = new ArrayList<>();
			for (MigrationSource source : toRecord) {
				session.store().insertAdopted(connection, source.version(), source.description(), source.type(),
						legacy.get(source.version()));
				results.add(MigrationResults.of(source, Direction.UP, Duration.ZERO, Outcome.MARKED_APPLIED, null));
			}
			return results;
		});
	}

	private RunResult administer(String operation, AdminWork work) {
		long started = System.nanoTime();
		CatalogCache.Loading loading = this.catalogs.load();
		// Baseline, repair and adopt record checksums: they must be those of the files as they are.
		MigrationCatalog.verifyAgainstIndex(loading.await().sources());
		this.listener.beforeRun(operation);
		try (DatabaseSession session = DatabaseSession.open(this.configuration, loading)) {
			List<MigrationResult> results;
			HistorySnapshot history;
			try (MigrationLock.Held lock = session.lock().acquire()) {
				session.createHistoryTable();
				history = session.readHistoryUnderLock();
				session.migrationSessions().requireNoneRunning(session.connection(), operation,
						history::isBeingUndone);
				results = work.run(session, history);
			}
			HistorySnapshot after = session.readHistory();
			RunResult result = new RunResult(operation, history.currentVersion(), after.currentVersion(), results,
					MigrationResults.elapsedSince(started));
			this.listener.afterRun(result);
			return result;
		}
		catch (SQLException ex) {
			MigratorException failure = DatabaseSession.failure(operation, ex);
			this.listener.runFailed(operation, failure);
			throw failure;
		}
		catch (MigratorException ex) {
			this.listener.runFailed(operation, ex);
			throw ex;
		}
	}

	private void requireEmptyHistory(String operation, HistorySnapshot history) {
		if (!history.rows().isEmpty()) {
			throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot " + operation + ": the history table "
					+ this.configuration.history().qualifiedName() + " already has " + history.rows().size()
					+ " row(s), up to version " + history.rows().lastKey() + ". " + operation
					+ " is for a database migrator has not managed yet.");
		}
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

	/**
	 * The body of an administrative operation, run under the lock.
	 */
	@FunctionalInterface
	private interface AdminWork {

		List<MigrationResult> run(DatabaseSession session, HistorySnapshot history) throws SQLException;

	}

}
