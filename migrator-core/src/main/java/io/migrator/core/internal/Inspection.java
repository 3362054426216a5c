package io.migrator.core.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.MigratorConfiguration;
import io.migrator.core.StatusReport;
import io.migrator.core.ValidationProblem;
import io.migrator.core.ValidationProblem.Kind;
import io.migrator.core.ValidationResult;
import io.migrator.core.internal.history.HistorySnapshot;
import io.migrator.core.internal.plan.MigrationPlanner;
import io.migrator.core.internal.plan.SourceReader;
import io.migrator.core.internal.source.GoMigrationSource;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;

/**
 * The operations that only read: {@code status}, {@code version}, {@code validate} and
 * {@code check}. They take no lock and write nothing, not even the history table.
 */
final class Inspection {

	private static final Logger logger = LoggerFactory.getLogger(Inspection.class);

	private final MigratorConfiguration configuration;

	private final CatalogCache catalogs;

	private final MigrationPlanner planner;

	Inspection(MigratorConfiguration configuration, CatalogCache catalogs, MigrationPlanner planner) {
		this.configuration = configuration;
		this.catalogs = catalogs;
		this.planner = planner;
	}

	StatusReport status() {
		try (DatabaseSession session = DatabaseSession.open(this.configuration, this.catalogs.load())) {
			HistorySnapshot history = session.history();
			StatusReport report = this.planner.status(session.catalog(), history);
			return history.tableExists() ? report : report.managedBy(session.managingTool());
		}
		catch (SQLException ex) {
			throw DatabaseSession.failure("status", ex);
		}
	}

	long version() {
		return DatabaseSession.readHistory(this.configuration).currentVersion();
	}

	ValidationResult validate() {
		CatalogCache.Loading loading = this.catalogs.load();
		if (this.configuration.dataSource() == null) {
			MigrationCatalog catalog = loading.await();
			MigrationCatalog.verifyAgainstIndex(catalog.sources());
			return validateFilesAlone(catalog);
		}
		HistorySnapshot history = DatabaseSession.readHistory(this.configuration);
		MigrationCatalog catalog = loading.await();
		MigrationCatalog.verifyAgainstIndex(catalog.sources());
		List<ValidationProblem> problems = new ArrayList<>(validationProblems(catalog, history));
		problems.addAll(pendingSourceProblems(catalog, history));
		return new ValidationResult(problems);
	}

	ValidationResult check() {
		CatalogCache.Loading loading = this.catalogs.load();
		HistorySnapshot history = DatabaseSession.readHistory(this.configuration);
		MigrationCatalog catalog = loading.await();
		List<ValidationProblem> problems = new ArrayList<>();
		if (!history.tableExists() && !catalog.sources().isEmpty()) {
			problems.add(new ValidationProblem(Kind.NO_HISTORY, 0, "The history table "
					+ this.configuration.history().qualifiedName() + " does not exist: no migration was ever "
					+ "applied to this database. Run 'up' (or the migration Job) before starting the application."));
		}
		problems.addAll(validationProblems(catalog, history));
		problems.addAll(pendingSourceProblems(catalog, history));
		problems.addAll(this.planner.notApplied(catalog, history));
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
		return new SourceReader(this.configuration).problems(this.planner.pending(catalog, history, Long.MAX_VALUE));
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
		return new ValidationResult(new SourceReader(this.configuration).problems(runnable));
	}

}
