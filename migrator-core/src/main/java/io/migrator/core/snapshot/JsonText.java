package io.migrator.core.snapshot;

/**
 * Writes JSON string literals, so snapshots and diffs print JSON without a library
 * (core depends on the JDK and slf4j only).
 */
final class JsonText {

	private JsonText() {
	}

	/**
	 * Appends {@code value} as a JSON string literal, or {@code null}.
	 * @param out where to append
	 * @param value the text, may be {@code null}
	 * @return {@code out}
	 */
	static StringBuilder string(StringBuilder out, String value) {
		if (value == null) {
			return out.append("null");
		}
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"');
	}

	/**
	 * Indents every line after the first, so a multi-line definition stays under its key
	 * in text output.
	 * @param text the text
	 * @param indent the indentation of continuation lines
	 * @return the indented text
	 */
	static String indentContinuation(String text, String indent) {
		return text.replace("\n", "\n" + indent);
	}

}
