package io.migrator.core;

/**
 * What kind of problem a {@link MigratorException} reports. Stable: tools switch on it.
 */
public enum ErrorCode {

	/** A migration source (file name, annotation, statement) is malformed; nothing ran. */
	INVALID_SOURCE,

	/**
	 * A migration file or location cannot be listed or read (missing, permission denied, an
	 * I/O error); raised as an {@link UnreadableSourceException}.
	 */
	SOURCE_UNREADABLE,

	/**
	 * {@link MigrationAuthoring} ({@code create}, {@code fix}, the build-time index) cannot
	 * write or rename a file of the migration directory.
	 */
	AUTHORING_FAILED,

	/** Two migration sources claim the same version. */
	DUPLICATE_VERSION,

	/** A configuration value is invalid or two options conflict. */
	INVALID_CONFIGURATION,

	/** The applied history disagrees with the sources (checksum, name, out of order, incomplete). */
	VALIDATION_FAILED,

	/** A migration failed while running; its transaction (if any) was rolled back. */
	MIGRATION_FAILED,

	/** A migration cannot be undone because it has no down part. */
	NO_DOWN_MIGRATION,

	/** The migration lock could not be obtained in time, or cannot be trusted. */
	LOCK_FAILED,

	/**
	 * No usable connection to the database could be opened: unknown host, nothing listening,
	 * login refused, unknown database, or the new connection could not be prepared.
	 */
	CONNECTION_FAILED,

	/** The history table or a legacy tracker could not be read or written. */
	HISTORY_FAILED,

	/** Something is pending or inconsistent where the caller required a fully applied schema. */
	NOT_UP_TO_DATE,

	/** The database product is not supported. */
	UNSUPPORTED_DATABASE,

	/** A schema snapshot could not be read, or a drift check could not build its scratch schema. */
	SNAPSHOT_FAILED

}
