package io.migrator.core.internal.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.migrator.core.Direction;
import io.migrator.core.InvalidSourceException;
import io.migrator.core.UnreadableSourceException;

/**
 * Pulls the statements of a SQL migration out of a character stream, one at a time, in
 * file order. Only the current line and the current statement are held in memory, so
 * seed files of hundreds of megabytes parse in a small heap.
 * <p>
 * Accepts goose files verbatim (annotations are case-insensitive and tolerate extra
 * whitespace) and splits statements where PostgreSQL would: a {@code ;} inside a string,
 * quoted identifier, dollar-quoted body or comment does not end a statement. Lines end
 * with {@code \n} whatever the file used. Every malformed input raises an
 * {@link InvalidSourceException} naming the file and line, at the latest when
 * {@link #next()} reaches the end of the file: a transactional file that controls the
 * transaction itself ({@code COMMIT}, ...) is refused there, because
 * {@code -- +goose NO TRANSACTION} may come after the statement.
 * <p>
 * Not thread-safe.
 */
public final class SqlScriptParser implements AutoCloseable {

	private final String source;

	private final Reader reader;

	private final LineReader lines;

	private final SqlScriptFormat format;

	private final Direction plainDirection;

	private final EnvironmentSubstitution substitution;

	private final SqlStatementSplitter splitter = new SqlStatementSplitter();

	private final StringBuilder line = new StringBuilder(256);

	private final StringBuilder statement = new StringBuilder(256);

	private final Set<String> emptiedVariables = new LinkedHashSet<>();

	private int position;

	private int lineNumber;

	private int statementLine;

	private Direction section;

	private int upLine;

	private int commentedOutUpLine;

	private int downLine;

	private int blockLine;

	private boolean substituting;

	private boolean substitutedStatement;

	private String substitutedTransactionControl;

	private int substitutedTransactionControlLine;

	private boolean noTransaction;

	private int upStatements;

	private int downStatements;

	private boolean finished;

	/**
	 * Creates a parser of a file's bytes, decoded strictly: bytes that are not valid in
	 * {@code encoding} are refused with their line, never replaced. Every reader of
	 * migration files goes through here, so a file is decoded the same way when validated
	 * and when run. Nothing is read until {@link #next()}.
	 * @param sourceName the file name shown in error messages
	 * @param in the file's bytes; closed by {@link #close()}
	 * @param encoding the encoding the file is saved in
	 * @param format the layout of the file
	 * @param plainDirection the direction of a {@link SqlScriptFormat#PLAIN} file, taken
	 * from its name; ignored for {@link SqlScriptFormat#GOOSE}
	 * @param variables resolves ENVSUB variable names, returning {@code null} for unset
	 * ones
	 * @return the parser
	 */
	public static SqlScriptParser open(String sourceName, InputStream in, Charset encoding, SqlScriptFormat format,
			Direction plainDirection, Function<String, String> variables) {
		Objects.requireNonNull(in, "'in' must not be null");
		Objects.requireNonNull(encoding, "'encoding' must not be null");
		return new SqlScriptParser(sourceName, new StrictDecodingReader(in, encoding), format, plainDirection,
				variables);
	}

	/**
	 * Creates a parser of text that is already decoded. Nothing is read until
	 * {@link #next()}.
	 * @param sourceName the file name shown in error messages
	 * @param reader the file's content; closed by {@link #close()}
	 * @param format the layout of the file
	 * @param plainDirection the direction of a {@link SqlScriptFormat#PLAIN} file, taken
	 * from its name; ignored for {@link SqlScriptFormat#GOOSE}
	 * @param variables resolves ENVSUB variable names, returning {@code null} for unset
	 * ones
	 */
	SqlScriptParser(String sourceName, Reader reader, SqlScriptFormat format, Direction plainDirection,
			Function<String, String> variables) {
		this.source = Objects.requireNonNull(sourceName, "'sourceName' must not be null");
		this.reader = Objects.requireNonNull(reader, "'reader' must not be null");
		this.format = Objects.requireNonNull(format, "'format' must not be null");
		Objects.requireNonNull(variables, "'variables' must not be null");
		if (format == SqlScriptFormat.PLAIN) {
			this.plainDirection = Objects.requireNonNull(plainDirection,
					"'plainDirection' must not be null for a PLAIN file");
			this.section = plainDirection;
		}
		else {
			this.plainDirection = null;
		}
		this.lines = new LineReader(sourceName, reader);
		this.substitution = new EnvironmentSubstitution(sourceName, variables);
	}

	/**
	 * Returns the next statement of either direction.
	 * @return the statement, or {@code null} at the end of the file once the whole file
	 * has been validated
	 * @throws InvalidSourceException when the file is malformed
	 * @throws UnreadableSourceException when reading fails
	 */
	public SqlStatement next() {
		if (this.finished) {
			return null;
		}
		while (true) {
			if (this.position == this.line.length()) {
				if (!this.lines.readLine(this.line)) {
					finish();
					return null;
				}
				this.position = 0;
				this.lineNumber = this.lines.lineNumber();
				// An annotation line is never SQL, wherever it is: goose reads one inside a
				// block or a dollar-quoted body too (ENVSUB ON around a function body).
				GooseAnnotation annotation = GooseAnnotation.parse(this.source, this.lineNumber, this.line);
				if (annotation != null) {
					this.position = this.line.length();
					SqlStatement block = apply(annotation);
					if (block != null) {
						return block;
					}
					continue;
				}
				if (this.section == null && this.commentedOutUpLine == 0 && isCommentedOutUp(this.line)) {
					this.commentedOutUpLine = this.lineNumber;
				}
			}
			SqlStatement statement = (this.blockLine > 0) ? scanBlockLine() : scanLine();
			if (statement != null) {
				return statement;
			}
		}
	}

	/**
	 * Returns whether the file asks to run outside a transaction.
	 * @return whether {@code -- +goose NO TRANSACTION} appeared; final once
	 * {@link #next()} has returned {@code null}
	 */
	public boolean noTransaction() {
		return this.noTransaction;
	}

	/**
	 * Returns whether the file holds a Down section. A {@link SqlScriptFormat#PLAIN}
	 * file has one when it is the down file of its pair.
	 * @return whether statements for {@link Direction#DOWN} may follow; final once
	 * {@link #next()} has returned {@code null}
	 */
	public boolean hasDownSection() {
		return (this.format == SqlScriptFormat.PLAIN) ? this.plainDirection == Direction.DOWN : this.downLine > 0;
	}

	@Override
	public void close() {
		try {
			this.reader.close();
		}
		catch (IOException ex) {
			throw new UnreadableSourceException(this.source, 0, "cannot be closed after reading", ex,
					"Check that the file is readable and its storage healthy, then run again");
		}
	}

	private SqlStatement scanLine() {
		int from = this.position;
		int end = this.splitter.scan(this.line, from, this.lineNumber, true);
		if (this.section == null && this.splitter.sawSql()) {
			throw invalid(this.splitter.sqlLine(), "SQL before '-- +goose Up'",
					"Move it below '-- +goose Up', or add '-- +goose Up' above it");
		}
		if (end < 0) {
			append(from, this.line.length());
			this.position = this.line.length();
			return null;
		}
		append(from, end);
		// A comment trailing the ';' on the same line describes the statement just
		// ended; it must not become the head of the next one.
		this.position = isBlankOrLineComment(end) ? this.line.length() : end;
		return completeStatement(false);
	}

	private SqlStatement scanBlockLine() {
		this.splitter.scan(this.line, 0, this.lineNumber, false);
		append(0, this.line.length());
		this.position = this.line.length();
		return null;
	}

	private void append(int from, int to) {
		if (this.statement.length() == 0) {
			while (from < to && Character.isWhitespace(this.line.charAt(from))) {
				from++;
			}
			if (from == to) {
				return;
			}
			this.statementLine = this.lineNumber;
		}
		appendExactly(from, to);
	}

	private void appendExactly(int from, int to) {
		if (this.substituting) {
			this.substitutedStatement |= this.substitution.substitute(this.line, from, to, this.statement,
					this.lineNumber, this.emptiedVariables);
		}
		else {
			this.statement.append(this.line, from, to);
		}
	}

	private boolean isBlankOrLineComment(int from) {
		int i = from;
		while (i < this.line.length() && Character.isWhitespace(this.line.charAt(i))) {
			i++;
		}
		return i == this.line.length()
				|| (i + 1 < this.line.length() && this.line.charAt(i) == '-' && this.line.charAt(i + 1) == '-');
	}

	private SqlStatement completeStatement(boolean block) {
		SqlStatement result = null;
		if (this.splitter.sawSql()) {
			int number = (this.section == Direction.UP) ? ++this.upStatements : ++this.downStatements;
			result = new SqlStatement(this.section, this.statement.toString(), this.statementLine, number, block,
					List.copyOf(this.emptiedVariables));
			if (this.substitutedStatement) {
				findTransactionControlInSubstitutedText(result);
			}
		}
		resetStatement();
		return result;
	}

	/**
	 * Statements are split on the text as written, so a value substituted at the top level
	 * ({@code ${SETUP};} with SETUP holding "COMMIT") would slip past the check; scan what
	 * is actually sent as well.
	 */
	private void findTransactionControlInSubstitutedText(SqlStatement statement) {
		if (this.substitutedTransactionControl != null) {
			return;
		}
		SqlStatementSplitter sent = new SqlStatementSplitter();
		sent.scan(statement.sql(), 0, statement.line(), false);
		sent.endSqlStatement();
		if (sent.transactionControl() != null) {
			this.substitutedTransactionControl = sent.transactionControl();
			this.substitutedTransactionControlLine = statement.line();
		}
	}

	private static boolean isCommentedOutUp(CharSequence line) {
		String text = line.toString().strip();
		if (!text.startsWith("--")) {
			return false;
		}
		String afterFirstDashes = text.substring(2).strip();
		if (!afterFirstDashes.startsWith("--")) {
			return false;
		}
		return afterFirstDashes.replaceFirst("^[-\\s]+", "").equalsIgnoreCase("+goose Up");
	}

	private void resetStatement() {
		this.statement.setLength(0);
		this.statementLine = 0;
		this.substitutedStatement = false;
		this.emptiedVariables.clear();
		this.splitter.startStatement();
	}

	private SqlStatement apply(GooseAnnotation annotation) {
		boolean opensSectionOrBlock = annotation == GooseAnnotation.UP || annotation == GooseAnnotation.DOWN
				|| annotation == GooseAnnotation.STATEMENT_BEGIN;
		if (this.blockLine > 0 && opensSectionOrBlock) {
			throw invalid(this.lineNumber,
					"'" + annotation.display() + "' inside the StatementBegin block opened at line " + this.blockLine,
					"Close the block with '-- +goose StatementEnd' first");
		}
		// NO TRANSACTION, ENVSUB and StatementBegin may sit inside a dollar-quoted body; a
		// statement cannot end there.
		if (annotation == GooseAnnotation.UP || annotation == GooseAnnotation.DOWN
				|| (annotation == GooseAnnotation.STATEMENT_END && this.blockLine > 0)) {
			requireClosedConstructs(annotation);
		}
		switch (annotation) {
			case UP, DOWN -> startSection(annotation);
			case STATEMENT_BEGIN -> beginBlock();
			case STATEMENT_END -> {
				return endBlock();
			}
			case NO_TRANSACTION -> this.noTransaction = true;
			case ENVSUB_ON -> this.substituting = true;
			case ENVSUB_OFF -> this.substituting = false;
		}
		return null;
	}

	private void startSection(GooseAnnotation annotation) {
		if (this.format == SqlScriptFormat.PLAIN) {
			String suffix = (this.plainDirection == Direction.UP) ? ".up.sql" : ".down.sql";
			String advice = "Remove it: paired files take their direction from the file name";
			if (this.plainDirection == Direction.UP) {
				// goose itself knows no pairs and would run such a file with both its sections.
				int directoryEnd = Math.max(this.source.lastIndexOf('/'), this.source.lastIndexOf('\\'));
				String fileName = this.source.substring(directoryEnd + 1);
				advice += "; or, if this is a goose file with its own Up and Down sections, rename it to "
						+ fileName.substring(0, fileName.length() - ".up.sql".length()) + ".sql";
			}
			throw invalid(this.lineNumber, "'" + annotation.display() + "' in a paired " + suffix + " file", advice);
		}
		if (annotation == GooseAnnotation.UP) {
			if (this.upLine > 0) {
				throw invalid(this.lineNumber, "second '-- +goose Up' (the first is at line " + this.upLine + ")",
						"Keep one '-- +goose Up' per file");
			}
			this.upLine = this.lineNumber;
		}
		else {
			if (this.upLine == 0) {
				throw invalid(this.lineNumber, "'-- +goose Down' before '-- +goose Up'",
						"Put the Up section first, starting with '-- +goose Up'");
			}
			if (this.downLine > 0) {
				throw invalid(this.lineNumber, "second '-- +goose Down' (the first is at line " + this.downLine + ")",
						"Keep one '-- +goose Down' per file");
			}
			requireTerminated();
			this.downLine = this.lineNumber;
		}
		resetStatement();
		this.section = (annotation == GooseAnnotation.UP) ? Direction.UP : Direction.DOWN;
	}

	private void beginBlock() {
		if (this.section == null) {
			throw invalid(this.lineNumber, "'-- +goose StatementBegin' before '-- +goose Up'",
					"Add '-- +goose Up' above it");
		}
		if (!this.splitter.sawSql()) {
			resetStatement();
		}
		// Otherwise the lines read since the last statement ended belong to the block's
		// statement, as goose reads them: "CREATE FUNCTION ... AS", then StatementBegin
		// and the body.
		this.blockLine = this.lineNumber;
	}

	private SqlStatement endBlock() {
		if (this.blockLine == 0) {
			throw invalid(this.lineNumber, "'-- +goose StatementEnd' without '-- +goose StatementBegin'",
					"Add '-- +goose StatementBegin' above the block, or remove this line");
		}
		trimTrailingWhitespace(this.statement);
		this.blockLine = 0;
		return completeStatement(true);
	}

	private static void trimTrailingWhitespace(StringBuilder text) {
		int length = text.length();
		while (length > 0 && Character.isWhitespace(text.charAt(length - 1))) {
			length--;
		}
		text.setLength(length);
	}

	/**
	 * Refuses a section or block boundary inside an open string, quoted identifier, dollar
	 * quote or block comment: the statement before it could not be complete.
	 */
	private void requireClosedConstructs(GooseAnnotation annotation) {
		String open = this.splitter.openConstruct();
		if (open != null) {
			throw invalid(this.lineNumber,
					"'" + annotation.display() + "' inside the " + open.replace("unterminated ", "")
							+ " opened at line " + this.splitter.openConstructLine(),
					"Close it with " + this.splitter.closingDelimiter() + " above this line");
		}
	}

	private void requireTerminated() {
		if (this.splitter.sawSql()) {
			int number = ((this.section == Direction.UP) ? this.upStatements : this.downStatements) + 1;
			throw invalid(this.splitter.sqlLine(),
					"statement " + number + " of the " + sectionName() + " section does not end with ';'",
					"End it with ';', or wrap it in '-- +goose StatementBegin' and '-- +goose StatementEnd'");
		}
	}

	private void finish() {
		this.finished = true;
		String open = this.splitter.openConstruct();
		if (open != null) {
			throw invalid(this.splitter.openConstructLine(), open, "Close it with "
					+ this.splitter.closingDelimiter() + "; everything after it was read as part of it");
		}
		if (this.blockLine > 0) {
			throw invalid(this.blockLine, "'-- +goose StatementBegin' is never closed",
					"Add '-- +goose StatementEnd' after the block's last line");
		}
		if (this.section == null && this.commentedOutUpLine > 0) {
			// A file disabled by commenting out every line: adding an Up above it, the advice
			// for a file that never had one, would record an empty migration as applied.
			throw invalid(this.commentedOutUpLine,
					"no '-- +goose Up' annotation: the one on line " + this.commentedOutUpLine + " is commented out",
					"Uncomment the file to run this migration, or delete it; goose refuses it as it is too");
		}
		if (this.section == null) {
			throw invalid(1, "no '-- +goose Up' annotation",
					"Add '-- +goose Up' above the first statement; goose files need it even when empty");
		}
		requireTerminated();
		this.splitter.endSqlStatement();
		String control = this.splitter.transactionControl();
		int controlLine = this.splitter.transactionControlLine();
		if (this.substitutedTransactionControl != null
				&& (control == null || this.substitutedTransactionControlLine < controlLine)) {
			control = this.substitutedTransactionControl + " (from an ENVSUB value)";
			controlLine = this.substitutedTransactionControlLine;
		}
		if (control != null && !this.noTransaction) {
			// goose runs such files, but its COMMIT splits the migration from its version row.
			throw invalid(controlLine,
					control + " in a migration that runs in a transaction: migrator runs each migration in its own "
							+ "transaction and commits it together with its history row",
					"Remove the transaction control statements (BEGIN, COMMIT, ...; migrator commits for you), or add "
							+ "'-- +goose NO TRANSACTION' to run the file statement by statement as written");
		}
	}

	private String sectionName() {
		return (this.section == Direction.UP) ? "Up" : "Down";
	}

	private InvalidSourceException invalid(int line, String problem, String action) {
		return new InvalidSourceException(this.source, line, problem, action);
	}

}
