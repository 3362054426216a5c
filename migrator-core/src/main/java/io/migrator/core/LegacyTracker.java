package io.migrator.core;

/**
 * Another tool's history table whose applied state {@code adopt} can import.
 */
public enum LegacyTracker {

	/** pressly/goose: {@code goose_db_version}. */
	GOOSE,

	/** golang-migrate: {@code schema_migrations(version, dirty)}. */
	GOLANG_MIGRATE,

	/** Flyway: {@code flyway_schema_history}. */
	FLYWAY

}
