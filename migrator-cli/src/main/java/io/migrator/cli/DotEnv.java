package io.migrator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;

/**
 * Reads a {@code .env} file the way goose does (through godotenv): {@code KEY=VALUE} lines,
 * optional {@code export}, {@code #} comments, single quotes taken literally, double quotes
 * with {@code \n} escapes, {@code ${VAR}} expanded outside single quotes. Variables already
 * set in the environment win over the file, as with goose.
 */
final class DotEnv {

	/** goose's default file, read from the working directory when it exists. */
	static final String DEFAULT_FILE = ".env";

	/** goose's {@code -env=none}: read no file. */
	static final String NONE = "none";

	private DotEnv() {
	}

	/**
	 * Returns the environment with the file's variables added where the environment has
	 * none.
	 * @param environment the process environment
	 * @param file the file; a missing default file is no error, a missing named one is
	 * @param named whether the user named the file (so that it must exist)
	 * @return the combined environment
	 */
	static Map<String, String> overlay(Map<String, String> environment, Path file, boolean named) {
		if (!Files.isRegularFile(file)) {
			if (named) {
				throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "The env file " + file
						+ " does not exist or is not a file: create it, correct --env, or pass --env none to read no "
						+ "file");
			}
			return environment;
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "Cannot read the env file " + file + ": "
					+ ex.getMessage() + ". Fix its permissions, or pass --env none to read no file", ex);
		}
		Map<String, String> fromFile = parse(lines, file, environment);
		Map<String, String> combined = new HashMap<>(fromFile);
		combined.putAll(environment);
		return combined;
	}

	static Map<String, String> parse(List<String> lines, Path file, Map<String, String> environment) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int number = 1; number <= lines.size(); number++) {
			String line = lines.get(number - 1).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			if (line.startsWith("export ")) {
				line = line.substring("export ".length()).strip();
			}
			int equals = line.indexOf('=');
			int colon = line.indexOf(':');
			int separator = (equals < 0) ? colon : ((colon < 0) ? equals : Math.min(equals, colon));
			String key = (separator > 0) ? line.substring(0, separator).strip() : "";
			if (!key.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
				// Never echo the line: it may hold a password.
				throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "The env file " + file + " line "
						+ number + " is not KEY=VALUE: fix that line, or pass --env none to read no file");
			}
			values.put(key, value(line.substring(separator + 1).strip(), values, environment));
		}
		return values;
	}

	private static String value(String raw, Map<String, String> earlier, Map<String, String> environment) {
		if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
			return raw.substring(1, raw.length() - 1);
		}
		if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
			String inner = raw.substring(1, raw.length() - 1)
				.replace("\\n", "\n")
				.replace("\\r", "\r")
				.replace("\\\"", "\"")
				.replace("\\\\", "\\");
			return expand(inner, earlier, environment);
		}
		int comment = raw.indexOf(" #");
		String unquoted = (comment >= 0) ? raw.substring(0, comment).strip() : raw;
		return expand(unquoted, earlier, environment);
	}

	private static String expand(String text, Map<String, String> earlier, Map<String, String> environment) {
		StringBuilder expanded = new StringBuilder();
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
				expanded.append('$');
				i += 2;
				continue;
			}
			if (c == '$' && i + 1 < text.length()) {
				int start;
				int end;
				int next;
				if (text.charAt(i + 1) == '{' && text.indexOf('}', i) > 0) {
					start = i + 2;
					end = text.indexOf('}', i);
					next = end + 1;
				}
				else {
					start = i + 1;
					end = start;
					while (end < text.length()
							&& (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
						end++;
					}
					next = end;
				}
				if (end > start) {
					String name = text.substring(start, end);
					String value = environment.containsKey(name) ? environment.get(name) : earlier.get(name);
					expanded.append((value != null) ? value : "");
					i = next;
					continue;
				}
			}
			expanded.append(c);
			i++;
		}
		return expanded.toString();
	}

}
