package io.migrator.core.internal.parse;

import java.util.function.Function;

import io.migrator.core.InvalidSourceException;

/**
 * Replaces variable references in statement text, as {@code -- +goose ENVSUB ON} asks:
 * {@code ${VAR}}, {@code $VAR}, {@code ${VAR:-default}}, {@code ${VAR-default}} and
 * {@code ${VAR?message}}, with {@code \$} standing for a literal {@code $}. An unset
 * variable becomes the empty string, as with {@code envsubst}.
 * <p>
 * Everything that is not a reference stays exactly as written, in particular dollar
 * quotes ({@code $$}, {@code $tag$}) and positional parameters ({@code $1}): rewriting
 * {@code $$} breaks {@code DO $$ ... $$} blocks.
 */
final class EnvironmentSubstitution {

	private final String source;

	private final Function<String, String> variables;

	EnvironmentSubstitution(String source, Function<String, String> variables) {
		this.source = source;
		this.variables = variables;
	}

	/**
	 * Appends {@code text[from, to)} to {@code out} with references replaced.
	 * References never span lines, so a line or part of one is a complete unit.
	 * @param text the text holding the range
	 * @param from the start of the range
	 * @param to the end of the range (exclusive)
	 * @param out where the result goes
	 * @param line the 1-based line of the range, for errors
	 * @throws InvalidSourceException when a {@code ${VAR?message}} variable is unset
	 */
	void substitute(CharSequence text, int from, int to, StringBuilder out, int line) {
		int i = from;
		while (i < to) {
			char c = text.charAt(i);
			char next = (i + 1 < to) ? text.charAt(i + 1) : '\0';
			if (c == '\\' && next == '$') {
				out.append('$');
				i += 2;
			}
			else if (c != '$') {
				out.append(c);
				i++;
			}
			else if (next == '$') {
				out.append("$$");
				i += 2;
			}
			else if (next == '{') {
				i = substituteBraced(text, i, to, out, line);
			}
			else if (SqlStatementSplitter.isTagStart(next)) {
				i = substituteBare(text, i, to, out);
			}
			else {
				out.append('$');
				i++;
			}
		}
	}

	private int substituteBare(CharSequence text, int dollar, int to, StringBuilder out) {
		int end = nameEnd(text, dollar + 1, to);
		if (end < to && text.charAt(end) == '$') {
			// $tag$ opens or closes a dollar quote: keep the whole delimiter so its
			// closing $ cannot be read as the start of another reference.
			out.append(text, dollar, end + 1);
			return end + 1;
		}
		appendIfSet(out, this.variables.apply(text.subSequence(dollar + 1, end).toString()));
		return end;
	}

	private int substituteBraced(CharSequence text, int dollar, int to, StringBuilder out, int line) {
		int nameStart = dollar + 2;
		int nameEnd = (nameStart < to && SqlStatementSplitter.isTagStart(text.charAt(nameStart)))
				? nameEnd(text, nameStart, to) : nameStart;
		int close = indexOf(text, '}', nameEnd, to);
		if (nameEnd == nameStart || close < 0) {
			return literalDollar(out, dollar);
		}
		String name = text.subSequence(nameStart, nameEnd).toString();
		String operator = text.subSequence(nameEnd, close).toString();
		String value = this.variables.apply(name);
		if (operator.isEmpty()) {
			appendIfSet(out, value);
		}
		else if (operator.startsWith(":-")) {
			out.append((value == null || value.isEmpty()) ? operator.substring(2) : value);
		}
		else if (operator.startsWith("-")) {
			out.append((value == null) ? operator.substring(1) : value);
		}
		else if (operator.startsWith("?")) {
			if (value == null) {
				String message = operator.substring(1);
				throw new InvalidSourceException(this.source, line,
						"ENVSUB variable " + name + " is not set" + (message.isEmpty() ? "" : ": " + message),
						"Set " + name + " in the environment, or remove the reference");
			}
			out.append(value);
		}
		else {
			return literalDollar(out, dollar);
		}
		return close + 1;
	}

	private static int literalDollar(StringBuilder out, int dollar) {
		out.append('$');
		return dollar + 1;
	}

	private static void appendIfSet(StringBuilder out, String value) {
		if (value != null) {
			out.append(value);
		}
	}

	private static int nameEnd(CharSequence text, int start, int to) {
		int i = start + 1;
		while (i < to && SqlStatementSplitter.isTagPart(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int indexOf(CharSequence text, char c, int from, int to) {
		for (int i = from; i < to; i++) {
			if (text.charAt(i) == c) {
				return i;
			}
		}
		return -1;
	}

}
