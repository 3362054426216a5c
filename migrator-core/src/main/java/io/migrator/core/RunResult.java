package io.migrator.core;

import java.time.Duration;
import java.util.List;

/**
 * What one operation did, migration by migration.
 *
 * @param operation the operation, e.g. {@code up}, {@code down-to}, {@code dry-run}
 * @param versionBefore the current version before the run (0 when none)
 * @param versionAfter the current version after the run (0 when none)
 * @param migrations one result per migration touched, in the order they ran
 * @param duration how long the whole operation took
 */
public record RunResult(String operation, long versionBefore, long versionAfter, List<MigrationResult> migrations,
		Duration duration) {

	public RunResult {
		migrations = List.copyOf(migrations);
	}

	/**
	 * Returns whether any migration failed (only a dry run goes on after a failure).
	 * @return whether a migration failed
	 */
	public boolean hasFailures() {
		return this.migrations.stream().anyMatch(MigrationResult::failed);
	}

}
