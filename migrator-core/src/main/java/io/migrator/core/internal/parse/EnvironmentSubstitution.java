package io.migrator.core.internal.parse;

import java.util.Set;
import java.util.function.Function;

import io.migrator.core.InvalidSourceException;

/**
 * Replaces variable references in statement text, as {@code -- +goose ENVSUB ON} asks,
 * with the forms goose's interpolation understands:
 * <ul>
 * <li>{@code $VAR} and {@code ${VAR}}: the value, empty when unset;</li>
 * <li>{@code ${VAR:-default}}: the default when VAR is unset or empty;
 * {@code ${VAR-default}}: when unset. A default may itself hold references, as in
 * {@code ${A:-${B}}};</li>
 * <li>{@code ${VAR:offset}} and {@code ${VAR:offset:length}}: a substring, a negative
 * offset ({@code ${VAR: -3}}) or length counting from the end;</li>
 * <li>{@code ${VAR?message}}: the file is refused when VAR is unset;</li>
 * <li>{@code \$} stands for a literal {@code $}; {@code \\} stays as written, so
 * {@code \\$VAR} is a backslash pair followed by a reference.</li>
 * </ul>
 * Everything else that is not a reference stays exactly as written, in particular dollar
 * quotes ({@code $$}, {@code $tag$}) and positional parameters ({@code $1}), where goose
 * turns {@code $$} into {@code $} (breaking {@code DO $$ ... $$}) and refuses {@code $1}.
 * A {@code ${} that does not form a reference is refused, as goose refuses it, rather
 * than sent half-substituted.
 */
final class EnvironmentSubstitution {

	private static final String FORMS = "Use ${NAME}, $NAME, ${NAME:-default}, ${NAME-default}, ${NAME?message} or "
			+ "${NAME:offset:length}; write \\$ for a literal $, or move the text out of ENVSUB ON ... OFF";

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
	 * @param emptied where the names of unset variables replaced by nothing are added
	 * (not those with a default), so that a statement this breaks can name them
	 * @return whether the range held a variable reference
	 * @throws InvalidSourceException when a {@code ${VAR?message}} variable is unset or a
	 * {@code ${} is malformed
	 */
	boolean substitute(CharSequence text, int from, int to, StringBuilder out, int line, Set<String> emptied) {
		Expansion expansion = new Expansion(text, to, line, emptied);
		expansion.expression(from, out, false);
		return expansion.referenced;
	}

	/**
	 * One pass over a range. An expression is parsed in full even where its value is not
	 * needed (the default of a set variable), so a malformed reference is refused whatever
	 * the environment; {@code out} is {@code null} while parsing only.
	 */
	private final class Expansion {

		private final CharSequence text;

		private final int to;

		private final int line;

		private final Set<String> emptied;

		private boolean referenced;

		Expansion(CharSequence text, int to, int line, Set<String> emptied) {
			this.text = text;
			this.to = to;
			this.line = line;
			this.emptied = emptied;
		}

		/**
		 * Expands text and references from {@code i} up to the end of the range, or up to
		 * the {@code }} that closes the enclosing reference.
		 * @return the index where it stopped
		 */
		int expression(int i, StringBuilder out, boolean insideBraces) {
			while (i < this.to) {
				char c = this.text.charAt(i);
				char next = (i + 1 < this.to) ? this.text.charAt(i + 1) : '\0';
				if (insideBraces && c == '}') {
					return i;
				}
				if (c == '\\' && (next == '\\' || next == '$')) {
					append(out, (next == '$') ? "$" : "\\\\");
					i += 2;
				}
				else if (c != '$') {
					append(out, c);
					i++;
				}
				else if (next == '$') {
					append(out, "$$");
					i += 2;
				}
				else if (next == '{') {
					this.referenced = true;
					i = braced(i, out);
				}
				else if (SqlStatementSplitter.isTagStart(next)) {
					i = bare(i, out);
				}
				else {
					append(out, '$');
					i++;
				}
			}
			return i;
		}

		private int bare(int dollar, StringBuilder out) {
			int end = nameEnd(dollar + 1);
			if (end < this.to && this.text.charAt(end) == '$') {
				// $tag$ opens or closes a dollar quote: keep the whole delimiter so its
				// closing $ cannot be read as the start of another reference.
				append(out, this.text.subSequence(dollar, end + 1));
				return end + 1;
			}
			this.referenced = true;
			String name = this.text.subSequence(dollar + 1, end).toString();
			String value = EnvironmentSubstitution.this.variables.apply(name);
			append(out, (value != null) ? value : emptied(name, out));
			return end;
		}

		private int braced(int dollar, StringBuilder out) {
			int nameStart = dollar + 2;
			if (nameStart >= this.to || !SqlStatementSplitter.isTagStart(this.text.charAt(nameStart))) {
				throw malformed(dollar, "'${' is not followed by a variable name");
			}
			int nameEnd = nameEnd(nameStart);
			String name = this.text.subSequence(nameStart, nameEnd).toString();
			String value = EnvironmentSubstitution.this.variables.apply(name);
			int i = nameEnd;
			if (i >= this.to) {
				throw malformed(dollar, "'${' is never closed by '}' on this line");
			}
			char operator = this.text.charAt(i);
			char second = (i + 1 < this.to) ? this.text.charAt(i + 1) : '\0';
			if (operator == '}') {
				append(out, (value != null) ? value : emptied(name, out));
			}
			else if (operator == ':' && second == '-') {
				i = fallback(i + 2, out, value == null || value.isEmpty(), value);
			}
			else if (operator == '-') {
				i = fallback(i + 1, out, value == null, value);
			}
			else if (operator == '?') {
				StringBuilder message = new StringBuilder();
				i = expression(i + 1, (out != null && value == null) ? message : null, true);
				if (out != null && value == null) {
					throw new InvalidSourceException(EnvironmentSubstitution.this.source, this.line,
							"ENVSUB variable " + name + " is not set"
									+ (message.isEmpty() ? "" : ": " + message),
							"Set " + name + " in the environment, or remove the reference");
				}
				append(out, value);
			}
			else if (operator == ':') {
				i = substring(dollar, i + 1, out, (value != null) ? value : emptied(name, out));
			}
			else {
				throw malformed(dollar, "unsupported reference");
			}
			if (i >= this.to || this.text.charAt(i) != '}') {
				throw malformed(dollar, "'${' is never closed by '}' on this line");
			}
			return i + 1;
		}

		private int fallback(int start, StringBuilder out, boolean useDefault, String value) {
			int end = expression(start, useDefault ? out : null, true);
			if (!useDefault) {
				append(out, value);
			}
			return end;
		}

		private int substring(int dollar, int start, StringBuilder out, String value) {
			int close = indexOf('}', start);
			if (close < 0) {
				throw malformed(dollar, "'${' is never closed by '}' on this line");
			}
			String[] bounds = this.text.subSequence(start, close).toString().split(":", -1);
			if (bounds.length > 2) {
				throw malformed(dollar, "a substring takes an offset and at most one length");
			}
			int offset = number(dollar, bounds[0]);
			Integer length = (bounds.length == 2) ? number(dollar, bounds[1]) : null;
			if (out != null) {
				out.append(slice(value, offset, length));
			}
			return close;
		}

		private int number(int dollar, String bound) {
			try {
				return Integer.parseInt(bound.strip());
			}
			catch (NumberFormatException ex) {
				throw malformed(dollar, "'" + bound + "' is not a substring offset or length");
			}
		}

		/**
		 * The empty value of an unset variable; recorded only where it is written out, not
		 * in the default of a set variable, which is parsed but unused.
		 */
		private String emptied(String name, StringBuilder out) {
			if (out != null) {
				this.emptied.add(name);
			}
			return "";
		}

		private int nameEnd(int start) {
			int i = start + 1;
			while (i < this.to && SqlStatementSplitter.isTagPart(this.text.charAt(i))) {
				i++;
			}
			return i;
		}

		private int indexOf(char c, int from) {
			for (int i = from; i < this.to; i++) {
				if (this.text.charAt(i) == c) {
					return i;
				}
			}
			return -1;
		}

		private InvalidSourceException malformed(int dollar, String problem) {
			int end = indexOf('}', dollar);
			CharSequence reference = this.text.subSequence(dollar, (end < 0) ? this.to : end + 1);
			return new InvalidSourceException(EnvironmentSubstitution.this.source, this.line,
					"malformed ENVSUB reference '" + reference.toString().strip() + "': " + problem, FORMS);
		}

	}

	/**
	 * Cuts a substring as the shell does, counting characters (code points) rather than the
	 * bytes goose counts, so a multi-byte character is never split.
	 */
	private static String slice(String value, int offset, Integer length) {
		int size = value.codePointCount(0, value.length());
		int from = Math.min(Math.max((offset < 0) ? offset + size : offset, 0), size);
		int to = size;
		if (length != null) {
			to = (length >= 0) ? from + length : Math.max(length + size, from);
			to = Math.min(to, size);
		}
		return value.substring(value.offsetByCodePoints(0, from), value.offsetByCodePoints(0, to));
	}

	private static void append(StringBuilder out, CharSequence text) {
		if (out != null) {
			out.append(text);
		}
	}

	private static void append(StringBuilder out, char c) {
		if (out != null) {
			out.append(c);
		}
	}

}
