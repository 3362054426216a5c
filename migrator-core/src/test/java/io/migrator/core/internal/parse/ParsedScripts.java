package io.migrator.core.internal.parse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.migrator.core.Direction;

/**
 * Parses SQL text held in memory, for tests: encoded as UTF-8 and read back through the
 * strict decoder every migration file goes through.
 */
final class ParsedScripts {

	static final String SOURCE = "00001_test.sql";

	private ParsedScripts() {
	}

	static List<SqlStatement> parseGoose(String text) {
		return parse(goose(text, Map.of()));
	}

	static List<SqlStatement> parseGoose(String text, Map<String, String> variables) {
		return parse(goose(text, variables));
	}

	static SqlScriptParser goose(String text, Map<String, String> variables) {
		return SqlScriptParser.open(SOURCE, utf8(text), StandardCharsets.UTF_8, SqlScriptFormat.GOOSE, null,
				variables::get);
	}

	static List<SqlStatement> parsePlain(String source, String text, Direction direction) {
		return parse(SqlScriptParser.open(source, utf8(text), StandardCharsets.UTF_8, SqlScriptFormat.PLAIN, direction,
				(name) -> null));
	}

	private static ByteArrayInputStream utf8(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
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
