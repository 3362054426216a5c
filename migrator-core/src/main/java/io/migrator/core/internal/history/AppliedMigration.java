package io.migrator.core.internal.history;

import java.time.Duration;
import java.time.Instant;

import io.migrator.core.MigrationType;

/**
 * One row of the history table.
 *
 * @param version the version
 * @param description the description when applied
 * @param type SQL or Java
 * @param checksum the checksum when applied, or {@code null} when unknown (adopted)
 * @param state applied, started or baseline
 * @param appliedAt when it was applied (or started)
 * @param executionTime how long it ran
 * @param appliedBy the database user that applied it
 */
public record AppliedMigration(long version, String description, MigrationType type, String checksum,
		AppliedState state, Instant appliedAt, Duration executionTime, String appliedBy) {
}
