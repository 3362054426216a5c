package io.migrator.core.internal.source;

import io.migrator.core.MigrationType;

/**
 * One migration of this build: a SQL file (or pair of files), a Java migration, or a
 * goose Go migration file that only a Java migration can stand in for.
 */
public sealed interface MigrationSource permits SqlMigrationSource, JavaMigrationSource, GoMigrationSource {

	/**
	 * Returns the version.
	 * @return a positive version
	 */
	long version();

	/**
	 * Returns the description, underscores shown as spaces.
	 * @return the description
	 */
	String description();

	/**
	 * Returns what the migration is written in.
	 * @return SQL, Java or Go
	 */
	MigrationType type();

	/**
	 * Returns the name shown to users: a file path or a class name.
	 * @return the display name
	 */
	String name();

	/**
	 * Returns the checksum recorded in history: SHA-256 of the file bytes, or a Java
	 * migration's identity.
	 * @return the checksum, possibly {@code null} for a Java migration that opts out
	 */
	String checksum();

}
