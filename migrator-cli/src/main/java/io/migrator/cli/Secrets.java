package io.migrator.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of what the CLI prints, by the structure of the places where one can
 * appear, never by searching all output for a known password (which turned a password
 * {@code a} into {@code cre***te} and broke JSON for a password holding {@code "}):
 * <ul>
 * <li>URLs and DSNs: the {@code user:password@} part and {@code password=} parameters,
 * quoted or not;</li>
 * <li>connection properties: never printed at all ({@link CliSettings#toString()});</li>
 * <li>driver messages and stack traces: the URLs and DSNs inside them, as above; the
 * driver's own logging is switched off ({@link MigratorCli#silenceDriverLogging()});</li>
 * <li>picocli's usage errors, which quote a mistyped argument: a quoted argument that is
 * exactly the password.</li>
 * </ul>
 * Command results (tables, JSON) hold versions, names and database messages, none of which
 * carries the connection's password, so they are printed as they are.
 */
final class Secrets {

	static final String MASK = "***";

	private static final Pattern PASSWORD_PARAMETER = Pattern
		.compile("(?i)\\b(password|passwd|pwd|sslpassword)(\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^&;\\s\"']*)");

	private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.:-]*://[^/:@\\s]*):([^@/\\s]*)@");

	private Secrets() {
	}

	/**
	 * Masks the password parts of every URL and DSN in {@code text}.
	 * @param text the text, may be {@code null}
	 * @return the text with {@code password=***} and {@code user:***@}
	 */
	static String maskUrls(String text) {
		if (text == null) {
			return null;
		}
		String masked = PASSWORD_PARAMETER.matcher(text)
			.replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
		return USER_INFO.matcher(masked).replaceAll("$1:" + Matcher.quoteReplacement(MASK) + "@");
	}

	/**
	 * Masks the password where picocli quotes an argument in a usage error.
	 * @param message the usage error
	 * @param password the password argument, may be {@code null}
	 * @return the message
	 */
	static String maskQuotedArgument(String message, String password) {
		String masked = maskUrls(message);
		if (password == null || password.isEmpty()) {
			return masked;
		}
		return masked.replace("'" + password + "'", "'" + MASK + "'");
	}

}
