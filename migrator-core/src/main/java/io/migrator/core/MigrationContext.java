package io.migrator.core;

import java.sql.Connection;

/**
 * What a {@link JavaMigration} gets to work with.
 *
 * @param connection the connection of the run; inside the migration's transaction when the
 * migration is transactional. Do not commit, roll back or close it.
 * @param version the version being applied or undone
 * @param direction which way the migration runs
 */
public record MigrationContext(Connection connection, long version, Direction direction) {
}
