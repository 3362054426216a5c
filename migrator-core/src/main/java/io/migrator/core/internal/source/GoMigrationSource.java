package io.migrator.core.internal.source;

import io.migrator.core.MigrationType;

/**
 * A goose Go migration file, such as {@code 00005_backfill_totals.go}. migrator cannot run
 * Go code, so such a file is only listed: a {@link JavaMigrationSource} with the same
 * version replaces it, one that is already applied (adopted from goose) is fine, and one
 * that would have to run stops the operation before anything runs.
 *
 * @param version the version from the file name
 * @param description the rest of the file name, underscores shown as spaces
 * @param file the Go file
 */
public record GoMigrationSource(long version, String description, ResourceFile file) implements MigrationSource {

	@Override
	public MigrationType type() {
		return MigrationType.GO;
	}

	@Override
	public String name() {
		return this.file.name();
	}

	/**
	 * Returns no checksum: the file is never run, and the Java migration that replaces it
	 * later must not count as a change of an applied (adopted or baselined) version.
	 * @return {@code null}
	 */
	@Override
	public String checksum() {
		return null;
	}

}
