package io.migrator.core.internal.parse;

import java.util.Locale;

/**
 * Finds where PostgreSQL statements end: at a {@code ;} that is outside string
 * literals ({@code '...'} with doubled quotes, {@code E'...'} with backslash escapes),
 * quoted identifiers, dollar-quoted bodies, line comments, nested block comments and the
 * {@code BEGIN ATOMIC ... END} body of a SQL-standard function or procedure. MySQL's
 * backtick-quoted identifiers are skipped too, as goose skips them; in PostgreSQL a
 * backtick outside a string can only be part of a user-defined operator's name, which
 * migrations all but never use (and an unbalanced one is reported, not sent).
 * <p>
 * Text is fed one line at a time; the state carries over between lines, so a string
 * or comment may span many lines. Every construct that needs look-ahead fits on one
 * line, which is why a line is the unit of work.
 * <p>
 * On the way it notes the first statement that controls the transaction ({@code BEGIN},
 * {@code COMMIT}, ...), also between the statements of a {@code StatementBegin} block,
 * which are seen here one by one although they are sent as one query.
 */
final class SqlStatementSplitter {

	private enum State {

		CODE, LINE_COMMENT, STRING, ESCAPE_STRING, QUOTED_IDENTIFIER, BACKTICK_IDENTIFIER, DOLLAR_QUOTE,
		BLOCK_COMMENT

	}

	/**
	 * How many words {@code CREATE OR REPLACE FUNCTION} takes, the longest statement head
	 * that matters here.
	 */
	private static final int ROUTINE_HEAD_WORDS = 4;

	private State state = State.CODE;

	private String dollarTag;

	private int blockCommentDepth;

	private int constructLine;

	private boolean sawSql;

	private int sqlLine;

	// The SQL statement being scanned (one of possibly several in a block): its first two
	// tokens when they are words, how deep in parentheses and BEGIN ... END the scan is.

	private int tokens;

	private String firstWord;

	private String secondWord;

	private int firstWordLine;

	private int parenthesisDepth;

	private int beginDepth;

	private boolean definesRoutine;

	private boolean insideBlock;

	private String transactionControl;

	private int transactionControlLine;

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
		this.insideBlock = !endAtSemicolon;
		int length = text.length();
		int i = from;
		while (i < length) {
			switch (this.state) {
				case CODE -> {
					char c = text.charAt(i);
					if (c == ';' && this.beginDepth == 0) {
						i++;
						endSqlStatement();
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
				case BACKTICK_IDENTIFIER -> i = skipQuoted(text, i, '`');
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
			if (i + 2 < text.length() && text.charAt(i + 2) == '!') {
				// MySQL runs the body of /*! ... */; goose sends such a statement, and so do we.
				markSql(line);
			}
			this.state = State.BLOCK_COMMENT;
			this.blockCommentDepth = 1;
			this.constructLine = line;
			return i + 2;
		}
		if (Character.isWhitespace(c)) {
			return i + 1;
		}
		markSql(line);
		if (isTagStart(c) && (i == 0 || !isIdentifierPart(text.charAt(i - 1)))) {
			int end = i + 1;
			while (end < text.length() && isIdentifierPart(text.charAt(end))) {
				end++;
			}
			word(text, i, end, line);
			return end;
		}
		this.tokens++;
		if (c == '(') {
			this.parenthesisDepth++;
		}
		else if (c == ')' && this.parenthesisDepth > 0) {
			this.parenthesisDepth--;
		}
		else if (c == '\'') {
			this.state = isEscapeStringPrefix(text, i) ? State.ESCAPE_STRING : State.STRING;
			this.constructLine = line;
		}
		else if (c == '"') {
			this.state = State.QUOTED_IDENTIFIER;
			this.constructLine = line;
		}
		else if (c == '`') {
			this.state = State.BACKTICK_IDENTIFIER;
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

	/**
	 * Follows the words of a statement. A routine written as {@code CREATE [OR REPLACE]
	 * FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END} holds {@code ;} that do not end it; like
	 * psql, count {@code BEGIN} (and {@code CASE}, which also closes with {@code END}) in
	 * such a statement outside parentheses, where a parameter may be named "begin". The
	 * heuristic is psql's, limits included: an identifier "begin" in a {@code RETURN}
	 * expression would open a body, so such a statement needs a StatementBegin block.
	 * <p>
	 * Inside a block nothing is split, so the count only serves to find where the
	 * statements of the block start (for transaction control). There any {@code BEGIN}
	 * later in a {@code CREATE} statement opens a body, so that the {@code END} closing a
	 * MySQL trigger or event body is not read as a statement of its own; {@code END IF},
	 * {@code END LOOP}, {@code END WHILE} and {@code END REPEAT} close nothing counted.
	 */
	private void word(CharSequence text, int start, int end, int line) {
		int index = this.tokens++;
		boolean mayOpenBody = this.definesRoutine || (this.insideBlock && index > 0 && "CREATE".equals(this.firstWord));
		if (index >= ROUTINE_HEAD_WORDS && (!mayOpenBody || this.parenthesisDepth > 0)) {
			// Nothing to learn from this word: spare a seed file's millions of words a string.
			return;
		}
		String word = text.subSequence(start, end).toString().toUpperCase(Locale.ROOT);
		if (index == 0) {
			this.firstWord = word;
			this.firstWordLine = line;
		}
		else if (index == 1 && this.firstWord != null) {
			this.secondWord = word;
		}
		if (!this.definesRoutine) {
			this.definesRoutine = index > 0 && "CREATE".equals(this.firstWord)
					&& (word.equals("FUNCTION") || word.equals("PROCEDURE"))
					&& (index == 1 || (index == 3 && "OR".equals(this.secondWord)));
		}
		if (mayOpenBody && this.parenthesisDepth == 0) {
			switch (word) {
				case "BEGIN" -> this.beginDepth++;
				case "CASE" -> this.beginDepth += (this.beginDepth > 0) ? 1 : 0;
				case "END" -> this.beginDepth -= (this.beginDepth > 0 && !endsControlFlow(text, end)) ? 1 : 0;
				default -> {
				}
			}
		}
	}

	private static boolean endsControlFlow(CharSequence text, int afterEnd) {
		int start = afterEnd;
		while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
			start++;
		}
		int end = start;
		while (end < text.length() && isIdentifierPart(text.charAt(end))) {
			end++;
		}
		String next = text.subSequence(start, end).toString().toUpperCase(Locale.ROOT);
		return next.equals("IF") || next.equals("LOOP") || next.equals("WHILE") || next.equals("REPEAT");
	}

	/**
	 * Ends the SQL statement being scanned: notes it when it controls the transaction and
	 * forgets its words. Called at a top-level {@code ;} and by the parser at the end of a
	 * statement or block that has none.
	 */
	void endSqlStatement() {
		if (this.transactionControl == null && this.firstWord != null) {
			String control = transactionControl(this.firstWord, this.secondWord);
			if (control != null) {
				this.transactionControl = control;
				this.transactionControlLine = this.firstWordLine;
			}
		}
		this.tokens = 0;
		this.firstWord = null;
		this.secondWord = null;
		this.firstWordLine = 0;
		this.parenthesisDepth = 0;
		this.beginDepth = 0;
		this.definesRoutine = false;
	}

	/**
	 * Returns the command when a statement starting with these words starts, ends or
	 * prepares the transaction it runs in. SAVEPOINT, RELEASE and ROLLBACK TO stay allowed:
	 * they work inside the migration's transaction without ending it, so the migration and
	 * its history row still commit or roll back together. (The executor's statement
	 * classifier reads leading words too, for another question: whether a statement can
	 * return rows, which decides how it is sent.)
	 */
	private static String transactionControl(String first, String second) {
		return switch (first) {
			case "BEGIN", "COMMIT", "END", "ABORT" -> first;
			case "ROLLBACK" -> "TO".equals(second) ? null : first;
			case "START", "PREPARE" -> "TRANSACTION".equals(second) ? first + " TRANSACTION" : null;
			default -> null;
		};
	}

	/**
	 * Returns the first statement seen that controls the transaction.
	 * @return e.g. "COMMIT" or "START TRANSACTION", or {@code null} when none was seen
	 */
	String transactionControl() {
		return this.transactionControl;
	}

	/**
	 * Returns the line of {@link #transactionControl()}.
	 * @return the 1-based line, 0 when none was seen
	 */
	int transactionControlLine() {
		return this.transactionControlLine;
	}

	private void markSql(int line) {
		if (!this.sawSql) {
			this.sawSql = true;
			this.sqlLine = line;
		}
	}

	/**
	 * Starts a new statement: ends the SQL statement being scanned and forgets whether SQL
	 * was seen.
	 */
	void startStatement() {
		endSqlStatement();
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
	 * Describes the construct left open, for an error at end of input.
	 * @return e.g. "unterminated dollar quote $fn$", or {@code null} when none is open
	 */
	String openConstruct() {
		return switch (this.state) {
			case CODE, LINE_COMMENT -> null;
			case STRING -> "unterminated string literal";
			case ESCAPE_STRING -> "unterminated E'' string literal";
			case QUOTED_IDENTIFIER -> "unterminated quoted identifier";
			case BACKTICK_IDENTIFIER -> "unterminated backtick-quoted identifier";
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
			case BACKTICK_IDENTIFIER -> "`";
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
