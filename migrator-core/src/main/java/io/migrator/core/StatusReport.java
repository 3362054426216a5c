package io.migrator.core;

import java.util.List;

/**
 * Every known version, from the sources and the history table, in version order.
 *
 * @param currentVersion the highest applied version, 0 when none
 * @param historyTableExists whether the history table exists
 * @param migrations one entry per version
 */
public record StatusReport(long currentVersion, boolean historyTableExists, List<MigrationInfo> migrations) {

	public StatusReport {
		migrations = List.copyOf(migrations);
	}

	/**
	 * Returns how many versions are not applied yet (pending or out of order).
	 * @return the number of versions to apply
	 */
	public long pendingCount() {
		return countIn(MigrationState.PENDING) + countIn(MigrationState.OUT_OF_ORDER);
	}

	/**
	 * Returns how many versions are in the given state.
	 * @param state the state
	 * @return the count
	 */
	public long countIn(MigrationState state) {
		return this.migrations.stream().filter((migration) -> migration.state() == state).count();
	}

}
