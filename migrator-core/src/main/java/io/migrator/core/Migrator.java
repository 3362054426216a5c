package io.migrator.core;

import javax.sql.DataSource;

/**
 * The migration engine for one database (and one history table). Built once with
 * {@link #builder()}, immutable and safe to share; every operation opens its own
 * connections from the configured {@code DataSource} and returns a structured result.
 * <p>
 * Operations that change the database lock out other migrating processes (see
 * {@link LockStrategy}), except when nothing is to be done: a run with nothing pending
 * reads the history in one query and takes no lock.
 * <p>
 * Sources in classpath locations are scanned once per migrator (they cannot change while
 * the class loader lives); {@code filesystem:} locations are scanned by every operation.
 */
public interface Migrator {

	/**
	 * Starts configuring a migrator.
	 * @return a new builder with every option at its default
	 */
	static MigratorBuilder builder() {
		return new MigratorBuilder();
	}

	/**
	 * Returns the configuration this migrator was built with.
	 * @return the configuration
	 */
	MigratorConfiguration configuration();

	/**
	 * Applies every pending migration in version order.
	 * @return what was applied
	 * @throws MigrationFailedException when a migration fails (carries what was applied)
	 * @throws MigratorException when sources are invalid or validation fails (nothing ran)
	 */
	RunResult up();

	/**
	 * Applies the next pending migration only.
	 * @return what was applied
	 */
	RunResult upByOne();

	/**
	 * Applies pending migrations up to and including {@code version}.
	 * @param version the highest version to apply
	 * @return what was applied
	 */
	RunResult upTo(long version);

	/**
	 * Undoes the latest applied migration.
	 * @return what was undone
	 */
	RunResult down();

	/**
	 * Undoes applied migrations above {@code version}, newest first; 0 undoes all.
	 * @param version the version to go back to
	 * @return what was undone
	 */
	RunResult downTo(long version);

	/**
	 * Undoes the latest applied migration and applies it again.
	 * @return what was undone and applied
	 */
	RunResult redo();

	/**
	 * Undoes every applied migration, newest first.
	 * @return what was undone
	 */
	RunResult reset();

	/**
	 * Lists every version with its state, comparing sources with history. Read-only.
	 * @return the status
	 */
	StatusReport status();

	/**
	 * Returns the highest applied version. Read-only.
	 * @return the current version, 0 when none
	 */
	long version();

	/**
	 * Checks applied migrations against their sources (checksums, descriptions), and for
	 * incomplete or disallowed out-of-order versions; and reads every pending file to its
	 * end, reporting what {@code up} would refuse (parse errors with file and line, goose
	 * Go migrations with no Java replacement). Read-only. Without a configured
	 * {@code DataSource} it checks the files alone, every one as pending, and never
	 * connects (goose Go migrations are then not reported: only the history can tell
	 * whether one still has to run).
	 * @return the problems found
	 */
	ValidationResult validate();

	/**
	 * {@link #validate()}, and also requires the history table to exist and nothing to be
	 * pending: the CI gate and the startup guard. Read-only. Needs a {@code DataSource}.
	 * @return the problems found
	 */
	ValidationResult check();

	/**
	 * Runs every pending transactional migration inside one transaction and rolls it back,
	 * reporting which would fail. NO TRANSACTION migrations are listed as not verifiable.
	 * @return one result per pending migration
	 */
	RunResult dryRun();

	/**
	 * Marks every source with a version at or below {@code version} as applied without
	 * running it. Refused when the history already has rows.
	 * @param version the baseline version
	 * @return the versions marked
	 */
	RunResult baseline(long version);

	/**
	 * Accepts the sources as they are now: updates recorded checksums and descriptions,
	 * and removes rows of incomplete migrations (after a human checked the schema).
	 * @return the versions repaired
	 */
	RunResult repair();

	/**
	 * Imports the applied state of another tool's history table, matching its versions to
	 * the sources; checksums are left empty, and each row keeps the time the tool applied it
	 * where the tool recorded one. Idempotent: versions already recorded are
	 * skipped, so adopting twice changes nothing. Adding versions to a history that already
	 * has rows is refused unless {@code evenIfHistoryExists}.
	 * @param tracker the tool whose table to read
	 * @param evenIfHistoryExists whether to add versions to a non-empty history
	 * @return the versions marked applied
	 */
	default RunResult adopt(LegacyTracker tracker, boolean evenIfHistoryExists) {
		return adopt(tracker, null, evenIfHistoryExists);
	}

	/**
	 * Like {@link #adopt(LegacyTracker, boolean)}, reading the tool's history from a table
	 * with another name (goose's {@code -table}).
	 * @param tracker the tool whose table to read
	 * @param table the table, optionally schema-qualified; {@code null} for the tool's default
	 * @param evenIfHistoryExists whether to add versions to a non-empty history
	 * @return the versions marked applied
	 */
	RunResult adopt(LegacyTracker tracker, String table, boolean evenIfHistoryExists);

	/**
	 * {@link #drift(DataSource)} with the scratch schema in the migrated database.
	 * @return the differences found
	 */
	default DriftReport drift() {
		return drift(null);
	}

	/**
	 * Finds drift: replays the applied versions (from the history, in version order, from
	 * the same sources every operation reads) into a new scratch schema, snapshots it and
	 * the live schema, and reports what differs (objects added or dropped by hand, changed
	 * defaults, dropped indexes). The scratch schema is always dropped afterwards, also when
	 * the replay fails; nothing in the live schema or the history changes. Costly: it runs
	 * every applied migration again.
	 * <p>
	 * Migrations replay with only the scratch schema on the {@code search_path}, so
	 * unqualified names land there. A migration that names the live schema itself (in SQL
	 * or in a Java migration) acts on that schema, not on the scratch one: give such
	 * projects a scratch database. In the migrated database, extensions are not compared
	 * (a database holds each once), which the report notes.
	 * @param scratchDatabase where to build the scratch schema, or {@code null} for the
	 * migrated database
	 * @return the differences, what was replayed, and the limits that applied
	 * @throws MigratorException ({@link ErrorCode#SNAPSHOT_FAILED}) when the replay fails,
	 * ({@link ErrorCode#VALIDATION_FAILED}) when an applied version cannot be replayed
	 * (incomplete, or missing from this build)
	 */
	DriftReport drift(DataSource scratchDatabase);

}
