package io.migrator.core;

/**
 * What a migration is written in.
 */
public enum MigrationType {

	/** A SQL file (goose format or a paired {@code .up.sql}/{@code .down.sql}). */
	SQL,

	/** A {@link JavaMigration}. */
	JAVA;

	/**
	 * Returns the lower-case name stored in the history table.
	 * @return {@code sql} or {@code java}
	 */
	public String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
