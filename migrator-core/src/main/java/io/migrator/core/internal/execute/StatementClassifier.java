package io.migrator.core.internal.execute;

import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a statement may travel in a JDBC batch. PgJDBC runs each batch entry with a row limit of one, so a statement that
 * returns rows would stop after its first row: a
 * {@code SELECT create_partition(d) FROM generate_series(...)} would create one partition
 * and report success. Only statements that cannot return rows are batched; everything else
 * runs on its own and is read to the end.
 * <p>
 * The decision is conservative: it reads the leading keyword (after whitespace, comments and
 * opening parentheses) and trusts only a fixed list of commands that never return rows. An
 * unknown command costs one round trip of its own, never a lost row. A data-changing command
 * with a {@code RETURNING} word outside quotes and comments is not batched either.
 * <p>
 * The parser's transaction-control check ({@code SqlStatementSplitter.transactionControl})
 * also reads a statement's leading words, but answers another question at another time:
 * whether a statement ends the migration's transaction ({@code COMMIT}, {@code BEGIN}, ...),
 * asked while a file is parsed so that such a file is refused before anything runs. This
 * class asks whether a statement can return rows, as it is sent. Neither list is a subset of
 * the other's, so they stay apart.
 */
final class StatementClassifier {

	private static final Set<String> NEVER_RETURN_ROWS = Set.of("CREATE", "ALTER", "DROP", "COMMENT", "GRANT",
			"REVOKE", "TRUNCATE", "SET", "RESET", "DO", "LOCK", "REFRESH", "REINDEX", "CLUSTER", "ANALYZE", "VACUUM",
			"SECURITY", "IMPORT", "NOTIFY", "LISTEN", "UNLISTEN", "DISCARD", "REASSIGN", "DEALLOCATE");

	private static final Set<String> CHANGE_DATA = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");

	private StatementClassifier() {
	}

	/**
	 * Returns whether the statement certainly returns no rows, so it may run in a batch.
	 * @param sql one SQL statement, comments included
	 * @return {@code true} to batch it, {@code false} to run it on its own
	 */
	static boolean batchable(String sql) {
		String keyword = leadingKeyword(sql);
		if (NEVER_RETURN_ROWS.contains(keyword)) {
			return true;
		}
		return CHANGE_DATA.contains(keyword) && !hasReturningWord(sql);
	}

	private static String leadingKeyword(String sql) {
		int at = 0;
		int length = sql.length();
		while (at < length) {
			char c = sql.charAt(at);
			if (Character.isWhitespace(c) || c == '(') {
				at++;
			}
			else if (sql.startsWith("--", at)) {
				at = endOfLineComment(sql, at);
			}
			else if (sql.startsWith("/*", at)) {
				at = endOfBlockComment(sql, at);
			}
			else {
				break;
			}
		}
		int start = at;
		while (at < length && Character.isLetter(sql.charAt(at))) {
			at++;
		}
		return sql.substring(start, at).toUpperCase(Locale.ROOT);
	}

	/**
	 * Looks for the word RETURNING outside string literals, quoted identifiers, dollar-quoted
	 * bodies and comments. A false alarm only costs a round trip.
	 */
	private static boolean hasReturningWord(String sql) {
		int at = 0;
		int length = sql.length();
		while (at < length) {
			char c = sql.charAt(at);
			if (c == '\'') {
				at = endOfQuoted(sql, at, '\'', at > 0 && (sql.charAt(at - 1) == 'E' || sql.charAt(at - 1) == 'e'));
			}
			else if (c == '"') {
				at = endOfQuoted(sql, at, '"', false);
			}
			else if (sql.startsWith("--", at)) {
				at = endOfLineComment(sql, at);
			}
			else if (sql.startsWith("/*", at)) {
				at = endOfBlockComment(sql, at);
			}
			else if (c == '$' && (at == 0 || !isWordChar(sql.charAt(at - 1)))) {
				at = endOfDollarQuoted(sql, at);
			}
			else if (Character.isLetter(c) || c == '_') {
				int start = at;
				while (at < length && isWordChar(sql.charAt(at))) {
					at++;
				}
				if (at - start == 9 && sql.regionMatches(true, start, "RETURNING", 0, 9)) {
					return true;
				}
			}
			else {
				at++;
			}
		}
		return false;
	}

	private static int endOfLineComment(String sql, int at) {
		int end = sql.indexOf('\n', at);
		return (end < 0) ? sql.length() : end + 1;
	}

	private static int endOfBlockComment(String sql, int at) {
		// PostgreSQL block comments nest.
		int depth = 0;
		int i = at;
		while (i < sql.length()) {
			if (sql.startsWith("/*", i)) {
				depth++;
				i += 2;
			}
			else if (sql.startsWith("*/", i)) {
				depth--;
				i += 2;
				if (depth == 0) {
					return i;
				}
			}
			else {
				i++;
			}
		}
		return sql.length();
	}

	private static int endOfQuoted(String sql, int at, char quote, boolean backslashEscapes) {
		int i = at + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (backslashEscapes && c == '\\') {
				i += 2;
			}
			else if (c == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i += 2;
				}
				else {
					return i + 1;
				}
			}
			else {
				i++;
			}
		}
		return sql.length();
	}

	/** Skips {@code $tag$...$tag$}; a {@code $1} parameter or a lone {@code $} is one character. */
	private static int endOfDollarQuoted(String sql, int at) {
		int i = at + 1;
		while (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_'
				|| (i > at + 1 && Character.isDigit(sql.charAt(i))))) {
			i++;
		}
		if (i >= sql.length() || sql.charAt(i) != '$') {
			return at + 1;
		}
		String tag = sql.substring(at, i + 1);
		int end = sql.indexOf(tag, i + 1);
		return (end < 0) ? sql.length() : end + tag.length();
	}

	private static boolean isWordChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

}
