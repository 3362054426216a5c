package io.migrator.core.internal;

import javax.sql.DataSource;

import io.migrator.core.DriftReport;
import io.migrator.core.ErrorCode;
import io.migrator.core.LegacyTracker;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.MigratorException;
import io.migrator.core.RunResult;
import io.migrator.core.StatusReport;
import io.migrator.core.ValidationResult;
import io.migrator.core.internal.drift.DriftCheck;
import io.migrator.core.internal.plan.MigrationPlanner;
import io.migrator.core.internal.plan.PlanRequest;
import io.migrator.core.internal.report.CompositeListener;

/**
 * The engine behind {@link Migrator}: a facade that hands each operation to the class of
 * its family. {@link MigrationRun} applies and undoes migrations, {@link DryRun} tries
 * them, {@link HistoryAdministration} writes the history alone (baseline, repair, adopt),
 * {@link Inspection} only reads (status, version, validate, check). Every operation reads
 * the history in one query first ({@link DatabaseSession}), while the sources load
 * ({@link CatalogCache}); operations that change something and have something to do then
 * take the lock, create the history table if needed, read the history again under the
 * lock (another process may have migrated meanwhile) and run.
 */
final class DefaultMigrator implements Migrator {

	private final MigratorConfiguration configuration;

	private final CatalogCache catalogs;

	private final MigrationPlanner planner;

	private final CompositeListener listener;

	private final Inspection inspection;

	private final HistoryAdministration administration;

	DefaultMigrator(MigratorConfiguration configuration) {
		this.configuration = configuration;
		this.catalogs = new CatalogCache(configuration);
		this.planner = new MigrationPlanner(configuration.allowOutOfOrder(), configuration.validateChecksums());
		this.listener = new CompositeListener(configuration.listeners());
		this.inspection = new Inspection(configuration, this.catalogs, this.planner);
		this.administration = new HistoryAdministration(configuration, this.catalogs, this.planner, this.listener);
	}

	@Override
	public MigratorConfiguration configuration() {
		return this.configuration;
	}

	@Override
	public RunResult up() {
		return run(PlanRequest.up("up", Long.MAX_VALUE, Integer.MAX_VALUE));
	}

	@Override
	public RunResult upByOne() {
		return run(PlanRequest.up("up-by-one", Long.MAX_VALUE, 1));
	}

	@Override
	public RunResult upTo(long version) {
		requireVersion(version, 1);
		return run(PlanRequest.up("up-to", version, Integer.MAX_VALUE));
	}

	@Override
	public RunResult down() {
		return run(PlanRequest.down("down", 0, 1, this.configuration.removeHistoryRowWhenNoDown()));
	}

	@Override
	public RunResult downTo(long version) {
		requireVersion(version, 0);
		return run(PlanRequest.down("down-to", version, Integer.MAX_VALUE,
				this.configuration.removeHistoryRowWhenNoDown()));
	}

	@Override
	public RunResult redo() {
		return run(PlanRequest.redo());
	}

	@Override
	public RunResult reset() {
		return run(PlanRequest.down("reset", 0, Integer.MAX_VALUE, this.configuration.removeHistoryRowWhenNoDown()));
	}

	@Override
	public StatusReport status() {
		return this.inspection.status();
	}

	@Override
	public long version() {
		return this.inspection.version();
	}

	@Override
	public ValidationResult validate() {
		return this.inspection.validate();
	}

	@Override
	public ValidationResult check() {
		return this.inspection.check();
	}

	@Override
	public RunResult dryRun() {
		return new DryRun(this.configuration, this.catalogs, this.planner).run();
	}

	@Override
	public RunResult baseline(long version) {
		requireVersion(version, 1);
		return this.administration.baseline(version);
	}

	@Override
	public RunResult repair() {
		return this.administration.repair();
	}

	@Override
	public DriftReport drift(DataSource scratchDatabase) {
		return new DriftCheck(this.configuration, scratchDatabase).run();
	}

	@Override
	public RunResult adopt(LegacyTracker tracker, String table, boolean evenIfHistoryExists) {
		return this.administration.adopt(tracker, table, evenIfHistoryExists);
	}

	private RunResult run(PlanRequest request) {
		return new MigrationRun(this.configuration, this.catalogs, this.planner, this.listener, request).run();
	}

	private static void requireVersion(long version, long minimum) {
		if (version < minimum) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION,
					"The version must be at least " + minimum + ", but was " + version);
		}
	}

}
