package io.migrator.core.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.migrator.core.Direction;
import io.migrator.core.ErrorCode;
import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationState;
import io.migrator.core.MigratorException;
import io.migrator.core.StatusReport;
import io.migrator.core.ValidationProblem;
import io.migrator.core.ValidationProblem.Kind;
import io.migrator.core.ValidationResult;
import io.migrator.core.internal.history.AppliedMigration;
import io.migrator.core.internal.history.AppliedState;
import io.migrator.core.internal.history.HistorySnapshot;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;

/**
 * Compares the sources of this build with the history: pending is the set of source
 * versions minus the set of applied versions, so a gap is never skipped silently. Decides
 * what an operation runs ({@link #plan}), whether it may run at all
 * ({@link #requireRunnable}), and what {@code status}, {@code validate} and {@code check}
 * report. Reads no database: it works on a snapshot of the history.
 */
public final class MigrationPlanner {

	private final boolean allowOutOfOrder;

	private final boolean validateChecksums;

	public MigrationPlanner(boolean allowOutOfOrder, boolean validateChecksums) {
		this.allowOutOfOrder = allowOutOfOrder;
		this.validateChecksums = validateChecksums;
	}

	/**
	 * Chooses what an operation runs. Going up: the pending versions up to the target,
	 * ascending, so a version below the highest applied one (allowed out of order) runs
	 * too. Going down: the applied versions above the target, descending; each must still
	 * have its source, and a down part unless the request allows removing the history row
	 * alone (never for {@code redo}, which would then apply the Up a second time).
	 * @param request what the operation asks for
	 * @param catalog the sources
	 * @param history the history
	 * @param reader tells whether a migration has a down part
	 * @return the plan, possibly empty
	 * @throws MigratorException with {@link ErrorCode#VALIDATION_FAILED} when an applied
	 * version to undo has no source, or {@link ErrorCode#NO_DOWN_MIGRATION} when it has no
	 * down part
	 */
	public Plan plan(PlanRequest request, MigrationCatalog catalog, HistorySnapshot history, SourceReader reader) {
		if (request.direction() == Direction.UP) {
			return new Plan(pending(catalog, history, request.target()).stream()
				.limit(request.limit())
				.map((source) -> new Plan.Move(source, Direction.UP, false))
				.toList());
		}
		List<Plan.Move> moves = new ArrayList<>();
		for (AppliedMigration applied : history.rows().descendingMap().values()) {
			if (applied.version() <= request.target() || moves.size() >= request.limit()) {
				break;
			}
			MigrationSource source = catalog.find(applied.version());
			if (source == null) {
				throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot undo version " + applied.version()
						+ " (" + applied.description() + "): this build has no migration with that version. Run the "
						+ "build that applied it, or restore its file.");
			}
			boolean rowOnly = !reader.hasDown(source);
			if (rowOnly && !request.historyRowOnlyAllowed()) {
				throw noDown(request, source);
			}
			moves.add(new Plan.Move(source, Direction.DOWN, rowOnly));
		}
		if (request.upAgain()) {
			for (int undone = moves.size() - 1; undone >= 0; undone--) {
				moves.add(new Plan.Move(moves.get(undone).source(), Direction.UP, false));
			}
		}
		return new Plan(moves);
	}

	/**
	 * Refuses to run when the history and the sources disagree. Versions applied but
	 * missing from this build are tolerated (the database may be ahead of this build:
	 * blue/green); going down, so are versions pending out of order.
	 * @param request what the operation asks for
	 * @param catalog the sources
	 * @param history the history
	 * @throws MigratorException with {@link ErrorCode#VALIDATION_FAILED} listing every
	 * problem that blocks the operation
	 */
	public void requireRunnable(PlanRequest request, MigrationCatalog catalog, HistorySnapshot history) {
		Set<Kind> tolerated = (request.direction() == Direction.DOWN) ? Set.of(Kind.OUT_OF_ORDER, Kind.MISSING)
				: Set.of(Kind.MISSING);
		List<ValidationProblem> blocking = validate(catalog, history).stream()
			.filter((problem) -> !tolerated.contains(problem.kind()))
			.toList();
		if (!blocking.isEmpty()) {
			throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Validation failed, nothing was run:"
					+ System.lineSeparator() + new ValidationResult(blocking).describe());
		}
	}

	/**
	 * Lists the versions {@code up} would apply, as problems for {@code check}: pending
	 * ones, and those out of order when out-of-order migrations are allowed (else
	 * {@link #validate} reports them already).
	 * @param catalog the sources
	 * @param history the history
	 * @return one problem per version not applied yet
	 */
	public List<ValidationProblem> notApplied(MigrationCatalog catalog, HistorySnapshot history) {
		List<ValidationProblem> problems = new ArrayList<>();
		for (MigrationInfo info : status(catalog, history).migrations()) {
			if (info.state() == MigrationState.PENDING
					|| (info.state() == MigrationState.OUT_OF_ORDER && this.allowOutOfOrder)) {
				problems.add(new ValidationProblem(Kind.PENDING, info.version(), "Migration " + info.version() + " ("
						+ info.description() + ", " + info.source() + ") is pending. Run 'up' to apply it."));
			}
		}
		return problems;
	}

	/**
	 * Lists every version known to the sources or the history, with its state.
	 * @param catalog the sources
	 * @param history the history
	 * @return the status
	 */
	public StatusReport status(MigrationCatalog catalog, HistorySnapshot history) {
		long highestApplied = history.rows().isEmpty() ? 0 : history.rows().lastKey();
		TreeSet<Long> versions = new TreeSet<>(history.rows().keySet());
		catalog.sources().forEach((source) -> versions.add(source.version()));
		List<MigrationInfo> infos = new ArrayList<>();
		for (long version : versions) {
			MigrationSource source = catalog.find(version);
			AppliedMigration applied = history.rows().get(version);
			if (applied == null) {
				MigrationState state = (version < highestApplied) ? MigrationState.OUT_OF_ORDER
						: MigrationState.PENDING;
				infos.add(new MigrationInfo(version, source.description(), source.type(), state, source.name(), null,
						null, source.checksum()));
			}
			else if (source == null) {
				infos.add(appliedInfo(applied, null, MigrationState.MISSING));
			}
			else {
				infos.add(appliedInfo(applied, source, stateOf(applied, source)));
			}
		}
		return new StatusReport(history.currentVersion(), history.tableExists(), infos);
	}

	/**
	 * Finds what makes applying unsafe: changed checksums or descriptions of applied
	 * versions, incomplete migrations, renamed migrations, and out-of-order versions unless
	 * allowed; and applied versions missing from this build, which callers may tolerate.
	 * @param catalog the sources
	 * @param history the history
	 * @return the problems, empty when consistent
	 */
	public List<ValidationProblem> validate(MigrationCatalog catalog, HistorySnapshot history) {
		List<ValidationProblem> problems = new ArrayList<>();
		Map<Long, List<MigrationSource>> renames = renames(catalog, history);
		for (AppliedMigration applied : history.rows().values()) {
			MigrationSource source = catalog.find(applied.version());
			if (applied.state() == AppliedState.STARTED_DOWN) {
				problems.add(new ValidationProblem(Kind.INCOMPLETE, applied.version(), "Migration "
						+ applied.version() + " (" + applied.description()
						+ ") is incomplete: its Down ran without a transaction, started at " + applied.appliedAt()
						+ " and never finished, so part of it may be undone. Check the schema and finish undoing it "
						+ "by hand, then run 'repair': it removes the row, and the version is no longer applied."));
				continue;
			}
			if (applied.state() == AppliedState.STARTED) {
				problems.add(new ValidationProblem(Kind.INCOMPLETE, applied.version(), "Migration "
						+ applied.version() + " (" + applied.description()
						+ ") is incomplete: it ran without a transaction, started at " + applied.appliedAt()
						+ " and never finished, so part of it may be applied. Check the schema and undo what of it "
						+ "ran (the next run applies all of it again: a statement finished by hand would run "
						+ "twice), then run 'repair' to clear the row, and run again."));
				continue;
			}
			if (source == null) {
				problems.add(renames.containsKey(applied.version()) ? renamed(applied, renames.get(applied.version()))
						: missing(applied));
				continue;
			}
			if (!Objects.equals(applied.description(), source.description())) {
				problems.add(new ValidationProblem(Kind.DESCRIPTION_CHANGED, applied.version(), "Migration "
						+ applied.version() + " was applied as '" + applied.description() + "' but its source "
						+ source.name() + " is now named '" + source.description()
						+ "'. Restore the old name, or run 'repair' to accept the new one."));
			}
			else if (this.validateChecksums && checksumChanged(applied, source)) {
				problems.add(new ValidationProblem(Kind.CHECKSUM_CHANGED, applied.version(), "Migration "
						+ applied.version() + " (" + source.name() + ") changed after it was applied: checksum "
						+ applied.checksum() + " in history, " + source.checksum()
						+ " now. Revert the file and put the change in a new migration, or run 'repair' to accept it."));
			}
		}
		if (!this.allowOutOfOrder) {
			List<Long> outOfOrder = outOfOrder(catalog, history);
			if (!outOfOrder.isEmpty()) {
				long highest = history.rows().lastKey();
				problems.add(new ValidationProblem(Kind.OUT_OF_ORDER, outOfOrder.get(0), "Version(s) "
						+ outOfOrder.stream().map(String::valueOf).collect(Collectors.joining(", "))
						+ " are not applied but lie below the highest applied version " + highest
						+ " (a parallel merge?). Renumber them above " + highest
						+ ", or allow out-of-order migrations (allowOutOfOrder / --allow-out-of-order / "
						+ "migrator.allow-out-of-order=true) to apply them in ascending order."));
			}
		}
		return problems;
	}

	/**
	 * Finds renamed migrations: an applied version with no source in this build, and a
	 * pending source whose checksum equals the one recorded for it (as after {@code fix}
	 * renumbered files of a database that had applied them). Applying that source would
	 * run the same migration a second time.
	 * @param catalog the sources
	 * @param history the history
	 * @return for each renamed applied version, the pending sources with its checksum
	 * (more than one only when several pending files have the same bytes), by version
	 */
	public Map<Long, List<MigrationSource>> renames(MigrationCatalog catalog, HistorySnapshot history) {
		Map<Long, List<MigrationSource>> renames = new TreeMap<>();
		for (AppliedMigration applied : history.rows().values()) {
			if (applied.state().incomplete() || applied.checksum() == null
					|| catalog.find(applied.version()) != null) {
				continue;
			}
			List<MigrationSource> sameBytes = catalog.sources()
				.stream()
				.filter((source) -> !history.rows().containsKey(source.version()))
				.filter((source) -> applied.checksum().equals(source.checksum()))
				.toList();
			if (!sameBytes.isEmpty()) {
				renames.put(applied.version(), sameBytes);
			}
		}
		return renames;
	}

	private static MigratorException noDown(PlanRequest request, MigrationSource source) {
		String consequence = request.upAgain()
				? "redo would delete its history row while its changes stay, then apply its Up a second time"
				: "undoing it would only delete its history row while its changes stay in the database";
		String advice = request.upAgain() ? "Add a down part that reverses the Up, then redo."
				: "Add a down part that reverses the Up; or, to only forget that it was applied (its changes stay), "
						+ "allow it with removeHistoryRowWhenNoDown (--remove-history-row-when-no-down).";
		return new MigratorException(ErrorCode.NO_DOWN_MIGRATION, "Cannot " + request.operation() + " version "
				+ source.version() + " (" + source.description() + "): " + SourceReader.missingPart(source) + ", so "
				+ consequence + ". Nothing was run. " + advice);
	}

	private static ValidationProblem renamed(AppliedMigration applied, List<MigrationSource> candidates) {
		String names = candidates.stream()
			.map((source) -> source.name() + " (version " + source.version() + ", pending)")
			.collect(Collectors.joining(" and "));
		String advice = (candidates.size() == 1)
				? "Run 'repair' to record the rename (it moves the history row of version " + applied.version()
						+ " to version " + candidates.get(0).version() + "), or restore the old file name."
				: "Several pending files have those bytes, so 'repair' cannot tell which one it became: restore "
						+ "the old file name, or make the other files differ.";
		return new ValidationProblem(Kind.RENAMED, applied.version(), "Migration " + applied.version() + " ("
				+ applied.description() + ") is applied but has no file in this build, and " + names
				+ " has the same checksum: the migration was renamed (e.g. by 'fix' after this database had "
				+ "applied it). Applying it would run the same migration a second time, so nothing is applied. "
				+ advice);
	}

	private static ValidationProblem missing(AppliedMigration applied) {
		return new ValidationProblem(Kind.MISSING, applied.version(), "Migration " + applied.version() + " ("
				+ applied.description() + ") is applied but this build has no migration with that version: the "
				+ "database is ahead of this build (blue/green, a rolled-back application) or its file was deleted. "
				+ "Restore the file, or accept it with ignoreMissingMigrations (--ignore-missing, "
				+ "migrator.ignore-missing-migrations=true).");
	}

	/**
	 * Returns the versions to apply, ascending, up to a target.
	 * @param catalog the sources
	 * @param history the history
	 * @param targetVersion the highest version to include
	 * @return the sources to apply
	 */
	public List<MigrationSource> pending(MigrationCatalog catalog, HistorySnapshot history, long targetVersion) {
		return catalog.sources()
			.stream()
			.filter((source) -> source.version() <= targetVersion)
			.filter((source) -> !history.rows().containsKey(source.version()))
			.toList();
	}

	private List<Long> outOfOrder(MigrationCatalog catalog, HistorySnapshot history) {
		if (history.rows().isEmpty()) {
			return List.of();
		}
		long highest = history.rows().lastKey();
		return catalog.sources()
			.stream()
			.map(MigrationSource::version)
			.filter((version) -> version < highest && !history.rows().containsKey(version))
			.toList();
	}

	private MigrationState stateOf(AppliedMigration applied, MigrationSource source) {
		if (applied.state().incomplete()) {
			return MigrationState.INCOMPLETE;
		}
		boolean renamed = !Objects.equals(applied.description(), source.description());
		boolean changed = this.validateChecksums && checksumChanged(applied, source);
		return (renamed || changed) ? MigrationState.MODIFIED : MigrationState.APPLIED;
	}

	private static boolean checksumChanged(AppliedMigration applied, MigrationSource source) {
		String now = source.checksum();
		return applied.checksum() != null && now != null && !applied.checksum().equals(now);
	}

	private static MigrationInfo appliedInfo(AppliedMigration applied, MigrationSource source, MigrationState state) {
		String description = (source != null) ? source.description() : applied.description();
		String name = (source != null) ? source.name() : null;
		return new MigrationInfo(applied.version(), description, applied.type(), state, name, applied.appliedAt(),
				applied.executionTime(), applied.checksum());
	}

}
