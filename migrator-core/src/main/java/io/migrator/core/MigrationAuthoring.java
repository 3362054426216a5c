package io.migrator.core;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.migrator.core.spi.MigrationAuthoringFactory;

/**
 * Writes and renames migration files in one directory: the file-system side of a
 * migration workflow ({@code create} and {@code fix} in the CLI). Never touches a
 * database.
 * <p>
 * Versions follow goose: a new migration gets a UTC timestamp version
 * ({@code 20260427034355}) or, when sequential, the next number after the highest
 * sequential one, zero-padded like the existing files (5 digits by default). A version
 * counts as a timestamp when it is 14 digits that form a valid date and time.
 */
public interface MigrationAuthoring {

	/**
	 * Starts authoring in {@code directory}, with timestamps taken from the UTC clock.
	 * @param directory the migrations directory; {@code create} creates it when missing
	 * @return the authoring operations for that directory
	 */
	static MigrationAuthoring forDirectory(Path directory) {
		return forDirectory(directory, Clock.systemUTC());
	}

	/**
	 * Starts authoring in {@code directory}, with timestamps taken from {@code clock}.
	 * @param directory the migrations directory; {@code create} creates it when missing
	 * @param clock where timestamp versions come from (rendered in UTC)
	 * @return the authoring operations for that directory
	 */
	static MigrationAuthoring forDirectory(Path directory, Clock clock) {
		return Services.load(MigrationAuthoringFactory.class).create(directory, clock);
	}

	/**
	 * Writes {@code <version>_<snake_name>.sql} with a goose Up/Down template.
	 * @param name the migration's name, e.g. {@code add users} or {@code AddUsers}
	 * @param sequential whether to use the next sequential version instead of a timestamp
	 * @return the file written
	 * @throws MigratorException when the name has no letters or digits, or the version exists
	 */
	Path createSql(String name, boolean sequential);

	/**
	 * Writes {@code V<version>__<snake_name>.java}, a {@link JavaMigration} skeleton. The
	 * package is derived from the directory when it lies under {@code src/main/java} or
	 * {@code src/test/java}.
	 * @param name the migration's name, e.g. {@code add users} or {@code AddUsers}
	 * @param sequential whether to use the next sequential version instead of a timestamp
	 * @return the file written
	 * @throws MigratorException when the name has no letters or digits, or the version exists
	 */
	Path createJava(String name, boolean sequential);

	/**
	 * Renames every timestamp-versioned file to the next sequential numbers after the
	 * highest sequential version, keeping their order (goose's pre-merge step). Checks
	 * every new name before renaming anything.
	 * @return the renames done, in version order; empty when there was nothing to do
	 * @throws MigratorException when two files would get one version or a new name is
	 * taken; nothing is renamed then
	 */
	List<Rename> fix();

	/**
	 * Writes the build-time index {@code migrator.index} into this directory, replacing an
	 * older one: every file below it (recursively) with the SHA-256 of its bytes and its
	 * NO TRANSACTION flag. A build step calls it on the copy of a classpath location in the
	 * build output (e.g. {@code target/classes/db/migrations}, as the {@code index} goal of
	 * {@code migrator-maven-plugin} does), so that the application finds and checks its
	 * migrations by reading one resource: no listing of a jar (impossible in a native
	 * image), no hashing of every file at start. The format is described in the README.
	 * @param encoding how the SQL files are encoded (the migrator's {@code encoding},
	 * UTF-8 by default)
	 * @return the index written
	 * @throws MigratorException when the directory does not exist, or a SQL file is
	 * malformed (a build-time failure instead of a failed start)
	 */
	Path writeIndex(Charset encoding);

	/**
	 * One file renamed by {@link #fix()}.
	 *
	 * @param from the old file
	 * @param to the new file
	 * @param fromVersion the old (timestamp) version
	 * @param toVersion the new (sequential) version
	 */
	record Rename(Path from, Path to, long fromVersion, long toVersion) {
	}

}
