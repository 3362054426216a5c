package io.migrator.core;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

/**
 * Everything a {@link Migrator} was built with. Immutable; create it with
 * {@link MigratorBuilder}, which validates every value and documents every default.
 *
 * @param dataSource where to migrate, or {@code null} for a migrator that only validates
 * files ({@link Migrator#validate()})
 * @param source where migrations come from and how their files are read
 * @param history where the history table lives
 * @param lock how concurrent migrating processes are kept apart
 * @param substitution where ENVSUB values come from
 * @param allowOutOfOrder whether pending versions below the highest applied one are applied
 * @param validateChecksums whether a changed checksum of an applied migration is an error
 * @param ignoreMissingMigrations whether {@code validate} and {@code check} accept applied
 * versions that have no migration in this build
 * @param removeHistoryRowWhenNoDown whether undoing a migration without a down part only
 * removes its history row instead of being refused
 * @param listeners callbacks around runs and migrations
 * @param progressInterval how often a long migration logs that it is still running
 */
public record MigratorConfiguration(DataSource dataSource, SourceSettings source, HistorySettings history,
		LockSettings lock, SubstitutionSettings substitution, boolean allowOutOfOrder, boolean validateChecksums,
		boolean ignoreMissingMigrations, boolean removeHistoryRowWhenNoDown, List<MigrationListener> listeners,
		Duration progressInterval) {

	/**
	 * Copies the listeners, so that the configuration cannot change after the migrator is
	 * built.
	 * @param dataSource where to migrate
	 * @param source where migrations come from
	 * @param history where the history table lives
	 * @param lock how processes are kept apart
	 * @param substitution where ENVSUB values come from
	 * @param allowOutOfOrder whether out-of-order versions are applied
	 * @param validateChecksums whether changed checksums are errors
	 * @param ignoreMissingMigrations whether missing applied migrations pass validation
	 * @param removeHistoryRowWhenNoDown whether a down without a down part removes the row
	 * @param listeners callbacks around runs and migrations
	 * @param progressInterval how often a long migration logs progress
	 */
	public MigratorConfiguration {
		listeners = List.copyOf(listeners);
	}

	@Override
	public String toString() {
		// A DataSource's toString may carry credentials: never print it.
		return "MigratorConfiguration[locations=" + this.source.locations() + ", table=" + this.history.table()
				+ ", schema=" + this.history.schema() + ", lockStrategy=" + this.lock.strategy() + "]";
	}

}
