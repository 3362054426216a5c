package io.migrator.core;

/**
 * Where one version stands, comparing the sources of this build with the history table.
 */
public enum MigrationState {

	/** Applied and identical to its source. */
	APPLIED,

	/** Not applied yet, above every applied version. */
	PENDING,

	/** Not applied yet, below the highest applied version (a gap). */
	OUT_OF_ORDER,

	/** A NO TRANSACTION migration that started and did not finish. */
	INCOMPLETE,

	/** Applied, but its source changed since (checksum or description). */
	MODIFIED,

	/** Applied, but no source of this build has its version (the database is ahead). */
	MISSING;

	/**
	 * Returns the lower-case name used in JSON and the actuator endpoint.
	 * @return e.g. {@code out_of_order}
	 */
	public String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
