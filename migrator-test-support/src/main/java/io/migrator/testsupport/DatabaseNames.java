package io.migrator.testsupport;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns a hint such as a test class name into a fresh database name that needs no
 * quoting rules beyond double quotes and fits PostgreSQL's 63-byte identifier limit.
 */
final class DatabaseNames {

	private static final int MAX_LENGTH = 63;

	private static final int SUFFIX_LENGTH = 9;

	private DatabaseNames() {
	}

	/**
	 * Returns {@code <sanitised hint>_<8 random hex digits>}.
	 * @param hint what the database is for; may be {@code null}
	 * @return a name of lower-case letters, digits and underscores
	 */
	static String fresh(String hint) {
		String suffix = String.format("_%08x", ThreadLocalRandom.current().nextInt());
		return sanitise(hint) + suffix;
	}

	static String sanitise(String hint) {
		String base = (hint != null) ? hint : "";
		// camelCase to snake_case first, so "FreshDatabaseTest" reads as fresh_database_test.
		base = base.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "_")
			.replaceAll("^_+|_+$", "");
		if (base.isEmpty()) {
			base = "test";
		}
		if (base.length() > MAX_LENGTH - SUFFIX_LENGTH) {
			base = base.substring(0, MAX_LENGTH - SUFFIX_LENGTH);
		}
		return base;
	}

}
