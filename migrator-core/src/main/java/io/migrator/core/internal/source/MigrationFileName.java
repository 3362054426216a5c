package io.migrator.core.internal.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.migrator.core.Direction;
import io.migrator.core.InvalidSourceException;

/**
 * A parsed SQL migration file name: {@code <version>_<description>.sql} (goose) or
 * {@code <version>_<description>.up.sql} / {@code .down.sql} (golang-migrate), or a goose Go
 * migration {@code <version>_<description>.go}.
 *
 * @param version the version from the numeric prefix
 * @param description the rest of the name, underscores shown as spaces
 * @param pairDirection the direction of a paired file, or {@code null} for a goose file
 */
record MigrationFileName(long version, String description, Direction pairDirection) {

	private static final Pattern SQL_FILE = Pattern.compile("(\\d+)_(.+?)(\\.up|\\.down)?\\.sql",
			Pattern.CASE_INSENSITIVE);

	/**
	 * goose's rule for Go files: a version is the digits before the first underscore; a
	 * Go file without one (a helper such as {@code main.go}) is not a migration.
	 */
	private static final Pattern GO_FILE = Pattern.compile("(\\d+)_(.*)\\.go");

	static boolean isSql(String fileName) {
		return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".sql");
	}

	/**
	 * Parses a goose Go migration's file name the way goose does: {@code _test.go} files,
	 * files without a numeric prefix and underscore, and version 0 are not migrations.
	 * @param fileName the file name without directories
	 * @return the name, or {@code null} when goose would ignore the file
	 */
	static MigrationFileName parseGo(String fileName) {
		if (fileName.endsWith("_test.go")) {
			return null;
		}
		Matcher matcher = GO_FILE.matcher(fileName);
		if (!matcher.matches()) {
			return null;
		}
		long version;
		try {
			version = Long.parseLong(matcher.group(1));
		}
		catch (NumberFormatException ex) {
			return null;
		}
		return (version > 0) ? new MigrationFileName(version, matcher.group(2).replace('_', ' ').trim(), null)
				: null;
	}

	static MigrationFileName parse(ResourceFile file) {
		Matcher matcher = SQL_FILE.matcher(file.fileName());
		if (!matcher.matches()) {
			throw new InvalidSourceException(file.name(), 0,
					"the file name does not match <version>_<description>.sql",
					"Rename it like 00001_create_users.sql or 20260427034355_create_users.sql "
							+ "(or .up.sql/.down.sql), or move it out of the migration location");
		}
		long version;
		try {
			version = Long.parseLong(matcher.group(1));
		}
		catch (NumberFormatException ex) {
			throw new InvalidSourceException(file.name(), 0,
					"the version " + matcher.group(1) + " does not fit a 64-bit integer",
					"Use a shorter version number");
		}
		if (version <= 0) {
			throw new InvalidSourceException(file.name(), 0, "the version must be positive, but is 0",
					"Number migrations from 1");
		}
		String suffix = matcher.group(3);
		Direction direction = (suffix == null) ? null
				: suffix.equalsIgnoreCase(".up") ? Direction.UP : Direction.DOWN;
		return new MigrationFileName(version, matcher.group(2).replace('_', ' ').trim(), direction);
	}

}
