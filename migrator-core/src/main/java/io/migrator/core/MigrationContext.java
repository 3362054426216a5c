package io.migrator.core;

import java.sql.Connection;

/**
 * What a {@link JavaMigration} gets to work with.
 *
 * @param connection the connection of the run; inside the migration's transaction when the
 * migration is transactional, and then {@code commit()}, {@code rollback()},
 * {@code setAutoCommit} and {@code close()} are refused (savepoints are fine): migrator
 * commits the migration together with its history row
 * @param version the version being applied or undone
 * @param direction which way the migration runs
 */
public record MigrationContext(Connection connection, long version, Direction direction) {
}
