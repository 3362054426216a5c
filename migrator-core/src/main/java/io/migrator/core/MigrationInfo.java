package io.migrator.core;

import java.time.Duration;
import java.time.Instant;

/**
 * One version as {@code status} shows it.
 *
 * @param version the version
 * @param description the description (from the source when there is one, else from history)
 * @param type SQL or Java
 * @param state where it stands
 * @param source the file or class name, or {@code null} when {@link MigrationState#MISSING}
 * @param appliedAt when it was applied, or {@code null} when not applied
 * @param executionTime how long it ran, or {@code null} when not applied
 * @param checksum the checksum recorded in history, else the source's; may be {@code null}
 */
public record MigrationInfo(long version, String description, MigrationType type, MigrationState state, String source,
		Instant appliedAt, Duration executionTime, String checksum) {
}
