package io.migrator.core.internal.source;

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

	private static final String SQL = ".sql";

	private static final String UP_SQL = ".up.sql";

	private static final String DOWN_SQL = ".down.sql";

	private static final String GO = ".go";

	// The names are parsed by hand, not with a pattern: a no-op start of a 10,000-file
	// directory parses every name, and two regular expressions per file were the largest
	// single cost of the scan (MigrationFileNameTests checks the rules against patterns).

	static boolean isSql(String fileName) {
		return endsWithIgnoringCase(fileName, SQL);
	}

	/**
	 * Parses a goose Go migration's file name the way goose does: a version is the digits
	 * before the first underscore; {@code _test.go} files, a Go file without a numeric prefix
	 * and underscore (a helper such as {@code main.go}) and version 0 are not migrations.
	 * @param fileName the file name without directories
	 * @return the name, or {@code null} when goose would ignore the file
	 */
	static MigrationFileName parseGo(String fileName) {
		if (!fileName.endsWith(GO) || fileName.endsWith("_test.go")) {
			return null;
		}
		int digits = leadingDigits(fileName);
		if (digits == 0 || digits >= fileName.length() || fileName.charAt(digits) != '_'
				|| hasLineTerminator(fileName, digits + 1, fileName.length() - GO.length())) {
			return null;
		}
		long version;
		try {
			version = Long.parseLong(fileName, 0, digits, 10);
		}
		catch (NumberFormatException ex) {
			return null;
		}
		String description = fileName.substring(digits + 1, fileName.length() - GO.length());
		return (version > 0) ? new MigrationFileName(version, description.replace('_', ' ').trim(), null) : null;
	}

	/**
	 * Parses {@code <digits>_<description>[.up|.down].sql}, the suffixes in any case; the
	 * shortest description wins, so {@code 1_a.up.sql} is the up file of {@code a}, while
	 * {@code 1_.up.sql} is a goose file described {@code .up}.
	 */
	static MigrationFileName parse(ResourceFile file) {
		String fileName = file.fileName();
		int digits = leadingDigits(fileName);
		int descriptionStart = digits + 1;
		if (digits == 0 || descriptionStart >= fileName.length() || fileName.charAt(digits) != '_'
				|| !isSql(fileName)) {
			throw unparsable(file);
		}
		Direction direction = null;
		int descriptionEnd = fileName.length() - SQL.length();
		if (endsWithIgnoringCase(fileName, UP_SQL) && fileName.length() - UP_SQL.length() > descriptionStart) {
			direction = Direction.UP;
			descriptionEnd = fileName.length() - UP_SQL.length();
		}
		else if (endsWithIgnoringCase(fileName, DOWN_SQL)
				&& fileName.length() - DOWN_SQL.length() > descriptionStart) {
			direction = Direction.DOWN;
			descriptionEnd = fileName.length() - DOWN_SQL.length();
		}
		if (descriptionEnd <= descriptionStart || hasLineTerminator(fileName, descriptionStart, descriptionEnd)) {
			throw unparsable(file);
		}
		long version;
		try {
			version = Long.parseLong(fileName, 0, digits, 10);
		}
		catch (NumberFormatException ex) {
			throw new InvalidSourceException(file.name(), 0,
					"the version " + fileName.substring(0, digits) + " does not fit a 64-bit integer",
					"Use a shorter version number");
		}
		if (version <= 0) {
			throw new InvalidSourceException(file.name(), 0, "the version must be positive, but is 0",
					"Number migrations from 1");
		}
		String description = fileName.substring(descriptionStart, descriptionEnd);
		return new MigrationFileName(version, description.replace('_', ' ').trim(), direction);
	}

	private static InvalidSourceException unparsable(ResourceFile file) {
		return new InvalidSourceException(file.name(), 0, "the file name does not match <version>_<description>.sql",
				"Rename it like 00001_create_users.sql or 20260427034355_create_users.sql "
						+ "(or .up.sql/.down.sql), or move it out of the migration location");
	}

	/** The number of ASCII digits the name starts with (a pattern's {@code \d}). */
	private static int leadingDigits(String fileName) {
		int count = 0;
		while (count < fileName.length() && fileName.charAt(count) >= '0' && fileName.charAt(count) <= '9') {
			count++;
		}
		return count;
	}

	/**
	 * ASCII case only, as the patterns this replaced: {@code String.regionMatches} would
	 * also take the long s ({@code ſ}) for an {@code s}.
	 * @param suffix lowercase ASCII
	 */
	private static boolean endsWithIgnoringCase(String fileName, String suffix) {
		int offset = fileName.length() - suffix.length();
		if (offset < 0) {
			return false;
		}
		for (int i = 0; i < suffix.length(); i++) {
			char c = fileName.charAt(offset + i);
			char lower = (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
			if (lower != suffix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** A pattern's {@code .} does not match these, so a name holding one never parsed. */
	private static boolean hasLineTerminator(String fileName, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = fileName.charAt(i);
			if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
				return true;
			}
		}
		return false;
	}

}
