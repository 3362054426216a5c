package io.migrator.core.internal.authoring;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration file name split around its version digits:
 * {@code <prefix><digits><rest>}, e.g. {@code "" 00042 "_add_users.sql"} or
 * {@code "V" 20260427034355 "__AddUsers.java"}.
 *
 * @param path the file
 * @param prefix the letters before the version (Java class names), else empty
 * @param digits the version as written, with its zero padding
 * @param version the version
 * @param rest everything after the digits, extension included
 * @param java whether it is a Java migration source
 */
record VersionedFile(Path path, String prefix, String digits, long version, String rest, boolean java) {

	static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
		.withResolverStyle(ResolverStyle.STRICT);

	private static final Pattern SQL = Pattern.compile("()(\\d+)(_.+?(?:\\.up|\\.down)?\\.sql)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern JAVA = Pattern.compile("([A-Za-z]+)(\\d+)(_{1,2}\\w+\\.java)");

	static Optional<VersionedFile> parse(Path path) {
		String name = path.getFileName().toString();
		boolean java = name.endsWith(".java");
		Matcher matcher = (java ? JAVA : SQL).matcher(name);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		long version;
		try {
			version = Long.parseLong(matcher.group(2));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		return Optional.of(new VersionedFile(path, matcher.group(1), matcher.group(2), version, matcher.group(3), java));
	}

	/**
	 * Whether the version is a goose timestamp: 14 digits forming a valid date and time.
	 * @param digits the version digits
	 * @return whether it is a timestamp
	 */
	static boolean isTimestamp(String digits) {
		if (digits.length() != 14) {
			return false;
		}
		try {
			LocalDateTime.parse(digits, TIMESTAMP);
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	boolean isTimestamp() {
		return isTimestamp(this.digits);
	}

	/**
	 * Returns what identifies the migration apart from its version: the description, so
	 * that the {@code .up.sql} and {@code .down.sql} halves of one migration match.
	 * @return the description part of the name
	 */
	String migrationName() {
		String lower = this.rest.toLowerCase(Locale.ROOT);
		for (String suffix : new String[] { ".up.sql", ".down.sql", ".sql", ".java" }) {
			if (lower.endsWith(suffix)) {
				return this.rest.substring(0, this.rest.length() - suffix.length()).replaceFirst("^_+", "");
			}
		}
		return this.rest;
	}

	String fileName() {
		return this.path.getFileName().toString();
	}

	String withVersion(String newDigits) {
		return this.prefix + newDigits + this.rest;
	}

	String className() {
		String name = fileName();
		return name.substring(0, name.length() - ".java".length());
	}

}
