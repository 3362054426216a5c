package io.migrator.core;

/**
 * What a migration is written in.
 */
public enum MigrationType {

	/** A SQL file (goose format or a paired {@code .up.sql}/{@code .down.sql}). */
	SQL,

	/** A {@link JavaMigration}. */
	JAVA,

	/**
	 * A goose Go migration file ({@code 00005_backfill.go}): listed so it is never skipped
	 * silently, but never run, since migrator cannot run Go code. A Java migration with the
	 * same version replaces it; {@code up} refuses one that is pending without a
	 * replacement.
	 */
	GO;

	/**
	 * Returns the lower-case name stored in the history table.
	 * @return {@code sql}, {@code java} or {@code go}
	 */
	public String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
