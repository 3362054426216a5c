package io.migrator.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where migrations are found: a directory on the class path, in a plain directory or a jar
 * ({@code classpath:db/migrations}), or a directory on the file system
 * ({@code filesystem:/srv/sql}). Parsed once from its text, so that no other code reads
 * prefixes.
 *
 * @param kind where the path is resolved
 * @param path a class path resource path without leading or trailing slashes, or a file
 * system directory as given
 */
public record Location(Kind kind, String path) {

	/**
	 * Checks the parts, and strips the slashes around a class path resource path.
	 * @param kind where the path is resolved
	 * @param path the path
	 * @throws MigratorException with {@link ErrorCode#INVALID_CONFIGURATION} when the path
	 * is empty
	 */
	public Location {
		Objects.requireNonNull(kind, "'kind' must not be null");
		Objects.requireNonNull(path, "'path' must not be null");
		String given = path;
		if (kind == Kind.CLASSPATH) {
			path = stripSlashes(path);
		}
		if (path.isBlank()) {
			throw invalid("Location '" + kind.prefix + given + "' is empty");
		}
	}

	/**
	 * Reads a location as configured: {@code classpath:some/dir}, {@code filesystem:/some/dir},
	 * or a path without a prefix, which is a class path location.
	 * @param text the location
	 * @return the location
	 * @throws MigratorException with {@link ErrorCode#INVALID_CONFIGURATION} when it is empty
	 * or has an unknown prefix
	 */
	public static Location parse(String text) {
		if (text == null || text.isBlank() || text.endsWith(":")) {
			throw invalid("Location '" + text + "' is empty");
		}
		for (Kind kind : Kind.values()) {
			if (text.startsWith(kind.prefix)) {
				return new Location(kind, text.substring(kind.prefix.length()));
			}
		}
		// An index of 1 is a Windows drive letter, not a prefix.
		if (text.indexOf(':') > 1) {
			throw invalid("Location '" + text + "' has an unknown prefix");
		}
		return new Location(Kind.CLASSPATH, text);
	}

	/**
	 * Returns a class path location.
	 * @param path the resource path, e.g. {@code db/migrations}
	 * @return the location
	 */
	public static Location classpath(String path) {
		return new Location(Kind.CLASSPATH, path);
	}

	/**
	 * Returns a file system location.
	 * @param directory the directory
	 * @return the location
	 */
	public static Location filesystem(Path directory) {
		return new Location(Kind.FILESYSTEM, directory.toString());
	}

	/**
	 * Returns whether this location is a directory on the file system, which can change
	 * while the application runs (a class path location cannot).
	 * @return whether it is a {@code filesystem:} location
	 */
	public boolean isFilesystem() {
		return this.kind == Kind.FILESYSTEM;
	}

	/**
	 * Returns the text this location is configured with.
	 * @return e.g. {@code classpath:db/migrations}
	 */
	@Override
	public String toString() {
		return this.kind.prefix + this.path;
	}

	private static String stripSlashes(String path) {
		int start = 0;
		int end = path.length();
		while (start < end && path.charAt(start) == '/') {
			start++;
		}
		while (end > start && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(start, end);
	}

	private static MigratorException invalid(String problem) {
		return new MigratorException(ErrorCode.INVALID_CONFIGURATION,
				problem + ": use classpath:some/dir or filesystem:/some/dir");
	}

	/**
	 * Where a location's path is resolved.
	 */
	public enum Kind {

		/** With the class loader: a directory of the class path, also inside a jar. */
		CLASSPATH("classpath:"),

		/** On the file system. */
		FILESYSTEM("filesystem:");

		private final String prefix;

		Kind(String prefix) {
			this.prefix = prefix;
		}

		/**
		 * Returns the prefix that selects this kind in a location's text.
		 * @return e.g. {@code classpath:}
		 */
		public String prefix() {
			return this.prefix;
		}

	}

}
