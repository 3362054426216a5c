package io.migrator.core.internal.history;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The history table as read in one query.
 *
 * @param tableExists whether the table exists
 * @param rows the rows by version
 */
public record HistorySnapshot(boolean tableExists, NavigableMap<Long, AppliedMigration> rows) {

	public HistorySnapshot {
		rows = Collections.unmodifiableNavigableMap(new TreeMap<>(rows));
	}

	/**
	 * Returns the snapshot of a database without a history table.
	 * @return an empty snapshot
	 */
	public static HistorySnapshot missing() {
		return new HistorySnapshot(false, new TreeMap<>());
	}

	/**
	 * Returns the highest version with a row that is neither merely started nor half undone.
	 * @return the current version, 0 when none
	 */
	public long currentVersion() {
		return this.rows.descendingMap()
			.values()
			.stream()
			.filter((row) -> !row.state().incomplete())
			.mapToLong(AppliedMigration::version)
			.findFirst()
			.orElse(0);
	}

	/**
	 * Returns whether a version's Down ran without a transaction and never finished.
	 * @param version the version
	 * @return whether its row is {@link AppliedState#STARTED_DOWN}
	 */
	public boolean isBeingUndone(long version) {
		AppliedMigration row = this.rows.get(version);
		return row != null && row.state() == AppliedState.STARTED_DOWN;
	}

}
