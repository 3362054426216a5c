package io.migrator.core.internal.parse;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.migrator.core.Direction;

/**
 * Parses SQL text held in memory, for tests.
 */
final class ParsedScripts {

	static final String SOURCE = "00001_test.sql";

	private ParsedScripts() {
	}

	static List<SqlStatement> parseGoose(String text) {
		return parse(new SqlScriptParser(SOURCE, new StringReader(text), SqlScriptFormat.GOOSE, null, (name) -> null));
	}

	static List<SqlStatement> parseGoose(String text, Map<String, String> variables) {
		return parse(new SqlScriptParser(SOURCE, new StringReader(text), SqlScriptFormat.GOOSE, null, variables::get));
	}

	static List<SqlStatement> parsePlain(String source, String text, Direction direction) {
		return parse(new SqlScriptParser(source, new StringReader(text), SqlScriptFormat.PLAIN, direction,
				(name) -> null));
	}

	static List<String> sqlOf(List<SqlStatement> statements) {
		return statements.stream().map(SqlStatement::sql).toList();
	}

	static List<SqlStatement> parse(SqlScriptParser parser) {
		List<SqlStatement> statements = new ArrayList<>();
		try (parser) {
			for (SqlStatement statement = parser.next(); statement != null; statement = parser.next()) {
				statements.add(statement);
			}
		}
		return statements;
	}

}
