package io.migrator.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration written in Java, versioned in the same version space as SQL files and
 * applied in one order with them.
 * <p>
 * By default the version and description come from the simple class name: letters,
 * the version digits, one or two underscores, the description, as in
 * {@code V00042__seed_countries} or {@code M20260427034355_SeedCountries}. Override
 * {@link #version()} and {@link #description()} to choose them freely.
 */
public interface JavaMigration {

	/**
	 * Applies the migration. Runs inside the migration's transaction unless
	 * {@link #transactional()} is {@code false}.
	 * @param context the connection to use
	 * @throws Exception any failure; the transaction is rolled back
	 */
	void up(MigrationContext context) throws Exception;

	/**
	 * Undoes the migration. The default does nothing, like a goose file without a Down
	 * section: undoing only removes the history row.
	 * @param context the connection to use
	 * @throws Exception any failure; the transaction is rolled back
	 */
	default void down(MigrationContext context) throws Exception {
	}

	/**
	 * Whether to run inside a transaction together with its history row. Default
	 * {@code true}; return {@code false} for statements such as
	 * {@code CREATE INDEX CONCURRENTLY}.
	 * @return whether the migration is transactional
	 */
	default boolean transactional() {
		return true;
	}

	/**
	 * Returns the version. Default: the digits in the simple class name.
	 * @return a positive version
	 */
	default long version() {
		return JavaMigrationNames.parse(getClass()).version();
	}

	/**
	 * Returns the description. Default: the part of the simple class name after the
	 * version, with underscores shown as spaces.
	 * @return the description
	 */
	default String description() {
		return JavaMigrationNames.parse(getClass()).description();
	}

	/**
	 * Returns a stable identity recorded as the checksum. Default: the SHA-256 of the
	 * fully qualified class name; return something else (e.g. a revision number) to
	 * make a changed migration detectable.
	 * @return the checksum, or {@code null} to skip checksum validation
	 */
	default String checksum() {
		return Sha256.ofText(getClass().getName());
	}

	/**
	 * Parses the version and description encoded in a Java migration's class name.
	 */
	final class JavaMigrationNames {

		private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z]+(\\d+)_{1,2}(\\w+)");

		private JavaMigrationNames() {
		}

		record Name(long version, String description) {
		}

		static Name parse(Class<?> type) {
			Matcher matcher = CLASS_NAME.matcher(type.getSimpleName());
			if (!matcher.matches()) {
				throw new InvalidSourceException(type.getName(), 0,
						"the Java migration's class name does not encode a version and description",
						"Name it like V00042__seed_countries (letters, version digits, underscores, description) "
								+ "or override version() and description()");
			}
			long version;
			try {
				version = Long.parseLong(matcher.group(1));
			}
			catch (NumberFormatException ex) {
				throw new InvalidSourceException(type.getName(), 0,
						"the version " + matcher.group(1) + " does not fit a 64-bit integer",
						"Use a shorter version number");
			}
			return new Name(version, matcher.group(2).replace('_', ' ').trim());
		}

	}

}
