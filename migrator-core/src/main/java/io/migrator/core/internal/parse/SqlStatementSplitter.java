package io.migrator.core.internal.parse;

/**
 * Finds where PostgreSQL statements end: at a {@code ;} that is outside string
 * literals ({@code '...'} with doubled quotes, {@code E'...'} with backslash escapes),
 * quoted identifiers, dollar-quoted bodies, line comments and nested block comments.
 * <p>
 * Text is fed one line at a time; the state carries over between lines, so a string
 * or comment may span many lines. Every construct that needs look-ahead fits on one
 * line, which is why a line is the unit of work.
 */
final class SqlStatementSplitter {

	private enum State {

		CODE, LINE_COMMENT, STRING, ESCAPE_STRING, QUOTED_IDENTIFIER, DOLLAR_QUOTE, BLOCK_COMMENT

	}

	private State state = State.CODE;

	private String dollarTag;

	private int blockCommentDepth;

	private int constructLine;

	private boolean sawSql;

	private int sqlLine;

	/**
	 * Scans {@code text} from {@code from}.
	 * @param text one line, terminator included
	 * @param from where to start scanning
	 * @param line the 1-based line number of {@code text}
	 * @param endAtSemicolon whether a top-level {@code ;} ends the scan
	 * @return the index just after the {@code ;} that ends a statement, or -1 when the
	 * line was consumed without ending one
	 */
	int scan(CharSequence text, int from, int line, boolean endAtSemicolon) {
		int length = text.length();
		int i = from;
		while (i < length) {
			switch (this.state) {
				case CODE -> {
					char c = text.charAt(i);
					if (c == ';') {
						i++;
						if (endAtSemicolon) {
							return i;
						}
					}
					else {
						i = scanCode(text, i, line);
					}
				}
				case LINE_COMMENT -> i = skipLineComment(text, i);
				case STRING -> i = skipQuoted(text, i, '\'');
				case QUOTED_IDENTIFIER -> i = skipQuoted(text, i, '"');
				case ESCAPE_STRING -> i = skipEscapeString(text, i);
				case DOLLAR_QUOTE -> i = skipDollarQuote(text, i);
				case BLOCK_COMMENT -> i = skipBlockComment(text, i);
			}
		}
		return -1;
	}

	private int scanCode(CharSequence text, int i, int line) {
		char c = text.charAt(i);
		char next = (i + 1 < text.length()) ? text.charAt(i + 1) : '\0';
		if (c == '-' && next == '-') {
			this.state = State.LINE_COMMENT;
			return i + 2;
		}
		if (c == '/' && next == '*') {
			this.state = State.BLOCK_COMMENT;
			this.blockCommentDepth = 1;
			this.constructLine = line;
			return i + 2;
		}
		if (Character.isWhitespace(c)) {
			return i + 1;
		}
		markSql(line);
		if (c == '\'') {
			this.state = isEscapeStringPrefix(text, i) ? State.ESCAPE_STRING : State.STRING;
			this.constructLine = line;
		}
		else if (c == '"') {
			this.state = State.QUOTED_IDENTIFIER;
			this.constructLine = line;
		}
		else if (c == '$' && (i == 0 || !isIdentifierPart(text.charAt(i - 1)))) {
			int tagEnd = dollarTagEnd(text, i);
			if (tagEnd > 0) {
				this.dollarTag = text.subSequence(i, tagEnd).toString();
				this.state = State.DOLLAR_QUOTE;
				this.constructLine = line;
				return tagEnd;
			}
		}
		return i + 1;
	}

	private static boolean isEscapeStringPrefix(CharSequence text, int quote) {
		if (quote == 0) {
			return false;
		}
		char prefix = text.charAt(quote - 1);
		return (prefix == 'E' || prefix == 'e') && (quote == 1 || !isIdentifierPart(text.charAt(quote - 2)));
	}

	/**
	 * Returns the index after a dollar-quote opening tag ({@code $$} or {@code $tag$})
	 * starting at {@code dollar}, or -1 when the {@code $} does not open one (as in a
	 * positional parameter {@code $1}).
	 */
	private static int dollarTagEnd(CharSequence text, int dollar) {
		int length = text.length();
		int i = dollar + 1;
		if (i < length && isTagStart(text.charAt(i))) {
			i++;
			while (i < length && isTagPart(text.charAt(i))) {
				i++;
			}
		}
		return (i < length && text.charAt(i) == '$') ? i + 1 : -1;
	}

	private int skipLineComment(CharSequence text, int i) {
		int length = text.length();
		while (i < length) {
			if (text.charAt(i++) == '\n') {
				this.state = State.CODE;
				return i;
			}
		}
		return i;
	}

	private int skipQuoted(CharSequence text, int i, char quote) {
		int length = text.length();
		while (i < length) {
			if (text.charAt(i) == quote) {
				if (i + 1 < length && text.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				this.state = State.CODE;
				return i + 1;
			}
			i++;
		}
		return i;
	}

	private int skipEscapeString(CharSequence text, int i) {
		int length = text.length();
		while (i < length) {
			char c = text.charAt(i);
			if (c == '\\') {
				i += 2;
				continue;
			}
			if (c == '\'') {
				if (i + 1 < length && text.charAt(i + 1) == '\'') {
					i += 2;
					continue;
				}
				this.state = State.CODE;
				return i + 1;
			}
			i++;
		}
		return length;
	}

	private int skipDollarQuote(CharSequence text, int i) {
		int length = text.length();
		String tag = this.dollarTag;
		while (i < length) {
			if (text.charAt(i) == '$' && regionMatches(text, i, tag)) {
				this.state = State.CODE;
				this.dollarTag = null;
				return i + tag.length();
			}
			i++;
		}
		return i;
	}

	private int skipBlockComment(CharSequence text, int i) {
		int length = text.length();
		while (i < length) {
			char c = text.charAt(i);
			char next = (i + 1 < length) ? text.charAt(i + 1) : '\0';
			if (c == '/' && next == '*') {
				this.blockCommentDepth++;
				i += 2;
			}
			else if (c == '*' && next == '/') {
				i += 2;
				if (--this.blockCommentDepth == 0) {
					this.state = State.CODE;
					return i;
				}
			}
			else {
				i++;
			}
		}
		return i;
	}

	private static boolean regionMatches(CharSequence text, int offset, String tag) {
		if (offset + tag.length() > text.length()) {
			return false;
		}
		for (int i = 0; i < tag.length(); i++) {
			if (text.charAt(offset + i) != tag.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private void markSql(int line) {
		if (!this.sawSql) {
			this.sawSql = true;
			this.sqlLine = line;
		}
	}

	/**
	 * Starts a new statement: forgets whether SQL was seen.
	 */
	void startStatement() {
		this.sawSql = false;
		this.sqlLine = 0;
	}

	/**
	 * Returns whether the current statement holds anything besides whitespace, comments
	 * and semicolons.
	 * @return whether SQL was seen since {@link #startStatement()}
	 */
	boolean sawSql() {
		return this.sawSql;
	}

	/**
	 * Returns the line of the first SQL of the current statement.
	 * @return the line, 0 when no SQL was seen
	 */
	int sqlLine() {
		return this.sqlLine;
	}

	/**
	 * Returns whether the scan is outside every string, quoted identifier, dollar quote
	 * and block comment, the only place where an annotation is recognised.
	 * @return whether a line starting now could be an annotation
	 */
	boolean isOutsideQuotesAndComments() {
		return this.state == State.CODE || this.state == State.LINE_COMMENT;
	}

	/**
	 * Describes the construct left open, for an error at end of input.
	 * @return e.g. "unterminated dollar quote $fn$", or {@code null} when none is open
	 */
	String openConstruct() {
		return switch (this.state) {
			case CODE, LINE_COMMENT -> null;
			case STRING -> "unterminated string literal";
			case ESCAPE_STRING -> "unterminated E'' string literal";
			case QUOTED_IDENTIFIER -> "unterminated quoted identifier";
			case DOLLAR_QUOTE -> "unterminated dollar quote " + this.dollarTag;
			case BLOCK_COMMENT -> "unterminated block comment";
		};
	}

	/**
	 * Returns what closes the open construct.
	 * @return e.g. "*&#47;" or "$fn$", or {@code null} when none is open
	 */
	String closingDelimiter() {
		return switch (this.state) {
			case CODE, LINE_COMMENT -> null;
			case STRING, ESCAPE_STRING -> "'";
			case QUOTED_IDENTIFIER -> "\"";
			case DOLLAR_QUOTE -> this.dollarTag;
			case BLOCK_COMMENT -> "*/";
		};
	}

	/**
	 * Returns the line where the open construct started.
	 * @return the line of the opening quote or comment
	 */
	int openConstructLine() {
		return this.constructLine;
	}

	static boolean isIdentifierPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

	static boolean isTagStart(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
	}

	static boolean isTagPart(char c) {
		return isTagStart(c) || (c >= '0' && c <= '9');
	}

}
