package io.migrator.core.internal.source;

import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationType;

/**
 * A Java migration with its version and description resolved once.
 *
 * @param version the version
 * @param description the description
 * @param checksum the stable identity
 * @param migration the migration
 */
public record JavaMigrationSource(long version, String description, String checksum, JavaMigration migration)
		implements MigrationSource {

	/**
	 * Resolves a Java migration's version, description and checksum.
	 * @param migration the migration
	 * @return the source
	 */
	public static JavaMigrationSource of(JavaMigration migration) {
		return new JavaMigrationSource(migration.version(), migration.description(), migration.checksum(), migration);
	}

	@Override
	public MigrationType type() {
		return MigrationType.JAVA;
	}

	@Override
	public String name() {
		return this.migration.getClass().getName();
	}

}
