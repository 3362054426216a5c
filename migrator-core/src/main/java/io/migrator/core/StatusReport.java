package io.migrator.core;

import java.util.List;

/**
 * Every known version, from the sources and the history table, in version order.
 *
 * @param currentVersion the highest applied version, 0 when none
 * @param historyTableExists whether the history table exists
 * @param migrations one entry per version
 * @param managedBy the tool whose history table this database has while migrator's own
 * table is missing (the database must be adopted before {@code up}), or {@code null}
 */
public record StatusReport(long currentVersion, boolean historyTableExists, List<MigrationInfo> migrations,
		LegacyTracker managedBy) {

	public StatusReport {
		migrations = List.copyOf(migrations);
	}

	/**
	 * Creates a report of a database no other tool manages.
	 * @param currentVersion the highest applied version, 0 when none
	 * @param historyTableExists whether the history table exists
	 * @param migrations one entry per version
	 */
	public StatusReport(long currentVersion, boolean historyTableExists, List<MigrationInfo> migrations) {
		this(currentVersion, historyTableExists, migrations, null);
	}

	/**
	 * Returns this report with the tool that manages the database.
	 * @param tracker the tool, or {@code null}
	 * @return the report
	 */
	public StatusReport managedBy(LegacyTracker tracker) {
		return new StatusReport(this.currentVersion, this.historyTableExists, this.migrations, tracker);
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
