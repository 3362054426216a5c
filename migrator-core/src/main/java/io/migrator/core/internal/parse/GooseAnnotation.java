package io.migrator.core.internal.parse;

import io.migrator.core.InvalidSourceException;

/**
 * The {@code -- +goose} annotations a SQL migration may hold.
 */
enum GooseAnnotation {

	UP("Up"),

	DOWN("Down"),

	STATEMENT_BEGIN("StatementBegin"),

	STATEMENT_END("StatementEnd"),

	NO_TRANSACTION("NO TRANSACTION"),

	ENVSUB_ON("ENVSUB ON"),

	ENVSUB_OFF("ENVSUB OFF");

	private static final String MARKER = "+goose";

	private static final String VALID = "Up, Down, StatementBegin, StatementEnd, NO TRANSACTION, ENVSUB ON, ENVSUB OFF";

	private final String command;

	GooseAnnotation(String command) {
		this.command = command;
	}

	/**
	 * Returns the annotation as it is usually written.
	 * @return e.g. "-- +goose StatementBegin"
	 */
	String display() {
		return "-- " + MARKER + " " + this.command;
	}

	/**
	 * Reads an annotation line. Matching ignores case, surrounding whitespace and how
	 * much whitespace separates words, because real migration directories vary in all
	 * three.
	 * @param source the file name for errors
	 * @param lineNumber the 1-based line number for errors
	 * @param line the line, terminator included
	 * @return the annotation, or {@code null} when the line is not an annotation
	 * @throws InvalidSourceException when the line is a {@code +goose} comment with an
	 * unknown command
	 */
	static GooseAnnotation parse(String source, int lineNumber, CharSequence line) {
		int length = line.length();
		int i = skipBlanks(line, 0);
		if (i + 1 >= length || line.charAt(i) != '-' || line.charAt(i + 1) != '-') {
			return null;
		}
		i = skipBlanks(line, i + 2);
		if (i + MARKER.length() > length
				|| !line.subSequence(i, i + MARKER.length()).toString().equalsIgnoreCase(MARKER)) {
			return null;
		}
		String command = line.subSequence(i + MARKER.length(), length).toString().strip();
		if (command.indexOf('\r') >= 0) {
			throw new InvalidSourceException(source, lineNumber,
					"lines end with a bare carriage return (\\r), so the whole file reads as one line",
					"Save the file with LF (or CRLF) line endings");
		}
		String normalized = String.join(" ", command.split("\\s+"));
		for (GooseAnnotation annotation : values()) {
			if (annotation.command.equalsIgnoreCase(normalized)) {
				return annotation;
			}
		}
		for (GooseAnnotation annotation : values()) {
			String prefix = annotation.command + " ";
			if (normalized.regionMatches(true, 0, prefix, 0, prefix.length())) {
				// Seen in public directories as '-- +goose Up -- SQL in this section ...',
				// copied from documentation that showed the comment beside the annotation.
				throw new InvalidSourceException(source, lineNumber,
						"text after the annotation '" + annotation.display() + "' on its line: '"
								+ normalized.substring(prefix.length()) + "'",
						"Put '" + annotation.display() + "' alone on its line and the rest on the next; goose does "
								+ "not read the line as that annotation either");
			}
		}
		String problem = command.isEmpty() ? "annotation '-- +goose' without a command"
				: "unknown annotation '-- +goose " + command + "'";
		throw new InvalidSourceException(source, lineNumber, problem,
				"Use one of: " + VALID + " (case does not matter)");
	}

	private static int skipBlanks(CharSequence line, int i) {
		while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
			i++;
		}
		return i;
	}

}
