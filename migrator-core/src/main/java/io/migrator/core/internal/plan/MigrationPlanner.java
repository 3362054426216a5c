package io.migrator.core.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationState;
import io.migrator.core.StatusReport;
import io.migrator.core.ValidationProblem;
import io.migrator.core.ValidationProblem.Kind;
import io.migrator.core.internal.history.AppliedMigration;
import io.migrator.core.internal.history.AppliedState;
import io.migrator.core.internal.history.HistorySnapshot;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;

/**
 * Compares the sources of this build with the history: pending is the set of source
 * versions minus the set of applied versions, so a gap is never skipped silently.
 */
public final class MigrationPlanner {

	private final boolean allowOutOfOrder;

	private final boolean validateChecksums;

	public MigrationPlanner(boolean allowOutOfOrder, boolean validateChecksums) {
		this.allowOutOfOrder = allowOutOfOrder;
		this.validateChecksums = validateChecksums;
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
	 * versions, incomplete migrations, and out-of-order versions unless allowed.
	 * @param catalog the sources
	 * @param history the history
	 * @return the problems, empty when consistent
	 */
	public List<ValidationProblem> validate(MigrationCatalog catalog, HistorySnapshot history) {
		List<ValidationProblem> problems = new ArrayList<>();
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
						+ " and never finished, so part of it may be applied. Check the schema by hand, finish or "
						+ "undo its statements, then run 'repair' to clear the row and apply it again."));
				continue;
			}
			if (source == null) {
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
