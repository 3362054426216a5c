package io.migrator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of everything the CLI prints: a URL's {@code password=} parameter
 * and {@code user:password@} part are masked, and so is every known password wherever it
 * appears in a message (a driver may echo the URL it was given).
 */
final class Secrets {

	static final String MASK = "***";

	private static final Pattern PASSWORD_PARAMETER = Pattern
		.compile("(?i)\\b(password|passwd|pwd|sslpassword)=([^&;\\s\"']*)");

	private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*):([^@/\\s]*)@");

	private final List<String> passwords;

	private Secrets(List<String> passwords) {
		this.passwords = passwords;
	}

	/**
	 * Collects the password given as an option and any password written into the URL.
	 * @param url the JDBC URL, may be {@code null}
	 * @param password the password option, may be {@code null}
	 * @return the secrets to mask
	 */
	static Secrets of(String url, String password) {
		List<String> passwords = new ArrayList<>();
		if (password != null && !password.isEmpty()) {
			passwords.add(password);
		}
		if (url != null) {
			collect(PASSWORD_PARAMETER.matcher(url), 2, passwords);
			collect(USER_INFO.matcher(url), 2, passwords);
		}
		// Longest first, so that a password containing another one is masked whole.
		passwords.sort((a, b) -> Integer.compare(b.length(), a.length()));
		return new Secrets(List.copyOf(passwords));
	}

	static Secrets none() {
		return new Secrets(List.of());
	}

	/**
	 * Masks passwords in {@code text}.
	 * @param text any text about to be printed, may be {@code null}
	 * @return the text without passwords
	 */
	String mask(String text) {
		if (text == null) {
			return null;
		}
		String masked = maskUrls(text);
		for (String password : this.passwords) {
			masked = masked.replace(password, MASK);
		}
		return masked;
	}

	/**
	 * Masks the password parts of every URL in {@code text}.
	 * @param text the text
	 * @return the text with {@code password=***} and {@code user:***@}
	 */
	static String maskUrls(String text) {
		String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1=" + Matcher.quoteReplacement(MASK));
		return USER_INFO.matcher(masked).replaceAll("$1:" + Matcher.quoteReplacement(MASK) + "@");
	}

	private static void collect(Matcher matcher, int group, List<String> into) {
		while (matcher.find()) {
			String value = matcher.group(group);
			if (!value.isEmpty() && !value.equals(MASK)) {
				into.add(value);
				try {
					// The driver decodes percent-escapes; a message may show the decoded form.
					String decoded = java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
					if (!decoded.equals(value)) {
						into.add(decoded);
					}
				}
				catch (IllegalArgumentException ex) {
					// Not valid percent-encoding: the raw value is all there is to mask.
				}
			}
		}
	}

}
