package io.migrator.core.internal.parse;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.migrator.core.internal.parse.ParsedScripts.parseGoose;
import static io.migrator.core.internal.parse.ParsedScripts.sqlOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Where statements end, and that their text is kept exactly as written.
 */
class SqlStatementSplittingTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("scripts")
	void splitsWherePostgresqlWould(String description, String upSection, List<String> expected) {
		assertThat(sqlOf(parseGoose("-- +goose Up\n" + upSection))).containsExactlyElementsOf(expected);
	}

	static Stream<Arguments> scripts() {
		return Stream.of(
				arguments("one statement per line", "SELECT 1;\nSELECT 2;\n", List.of("SELECT 1;", "SELECT 2;")),
				arguments("several statements on one line", "SELECT 1; SELECT 2;",
						List.of("SELECT 1;", "SELECT 2;")),
				arguments("leading blank lines trimmed, inner line breaks kept", "\n\n  SELECT\n  1;\n",
						List.of("SELECT\n  1;")),
				arguments("comment line before a statement belongs to it",
						"-- the users\nCREATE TABLE users (id int);\n",
						List.of("-- the users\nCREATE TABLE users (id int);")),
				arguments("comment after the ';' on the same line is not the next statement's head",
						"SELECT 1; -- one\nSELECT 2;\n", List.of("SELECT 1;", "SELECT 2;")),
				arguments("comment inside a statement kept", "SELECT 1, -- first; not the end\n  2;\n",
						List.of("SELECT 1, -- first; not the end\n  2;")),
				arguments("trailing comments of a section are not a statement", "SELECT 1;\n-- bye\n/* done */\n",
						List.of("SELECT 1;")),
				arguments("';' and '--' inside a multi-line string with a blank line",
						"INSERT INTO t VALUES ('one;\n-- not a comment\n\nfour');\nSELECT 2;\n",
						List.of("INSERT INTO t VALUES ('one;\n-- not a comment\n\nfour');", "SELECT 2;")),
				arguments("doubled quote inside a string", "SELECT 'it''s; fine';\nSELECT 2;\n",
						List.of("SELECT 'it''s; fine';", "SELECT 2;")),
				arguments("backslash is not an escape in a standard string", "SELECT 'C:\\'; SELECT 2;\n",
						List.of("SELECT 'C:\\';", "SELECT 2;")),
				arguments("backslash escapes in E'' strings", "SELECT E'it\\'s; fine', e'\\\\';\nSELECT 2;\n",
						List.of("SELECT E'it\\'s; fine', e'\\\\';", "SELECT 2;")),
				arguments("identifier ending in E before a quote is not an E'' string",
						"SELECT name'x\\'; SELECT 2;\n", List.of("SELECT name'x\\';", "SELECT 2;")),
				arguments("';' inside a quoted identifier with a doubled quote",
						"SELECT 1 AS \"a;\"\"b\";\nSELECT 2;\n", List.of("SELECT 1 AS \"a;\"\"b\";", "SELECT 2;")),
				arguments("dollar-quoted function body without StatementBegin", """
						CREATE FUNCTION f() RETURNS int AS $$
						BEGIN
						  RETURN 1;
						END;
						$$ LANGUAGE plpgsql;
						SELECT f();
						""", List.of("""
						CREATE FUNCTION f() RETURNS int AS $$
						BEGIN
						  RETURN 1;
						END;
						$$ LANGUAGE plpgsql;""", "SELECT f();")),
				arguments("tagged dollar quote holding $$ and quotes",
						"DO $fn$ BEGIN RAISE NOTICE '$$;'; END $fn$;\nSELECT 2;\n",
						List.of("DO $fn$ BEGIN RAISE NOTICE '$$;'; END $fn$;", "SELECT 2;")),
				arguments("$ inside an identifier does not open a dollar quote", "SELECT a$b$c FROM t; SELECT 2;\n",
						List.of("SELECT a$b$c FROM t;", "SELECT 2;")),
				arguments("positional parameter is not a dollar quote", "PREPARE p AS SELECT $1; SELECT 2;\n",
						List.of("PREPARE p AS SELECT $1;", "SELECT 2;")),
				arguments("nested block comments", "/* outer /* inner; */ still; */ SELECT 1;\nSELECT 2;\n",
						List.of("/* outer /* inner; */ still; */ SELECT 1;", "SELECT 2;")),
				arguments("CRLF line endings read as \\n, as goose reads them", "SELECT 1;\r\nSELECT\r\n  'a\r\nb';\r\n",
						List.of("SELECT 1;", "SELECT\n  'a\nb';")),
				arguments("a lone \\r inside a line is text", "SELECT 'a\rb';\n", List.of("SELECT 'a\rb';")),
				arguments("last line without a terminator", "SELECT 1;", List.of("SELECT 1;")),
				arguments("lone semicolons are not statements", ";\nSELECT 1;;\n", List.of("SELECT 1;")),
				arguments("BEGIN ATOMIC body of a SQL-standard function is one statement", """
						CREATE OR REPLACE FUNCTION sign_of(i int) RETURNS int LANGUAGE sql
						BEGIN ATOMIC
						  SELECT CASE WHEN i > 0 THEN 1 WHEN i < 0 THEN -1 ELSE 0 END;
						END;
						SELECT sign_of(-3);
						""", List.of("""
						CREATE OR REPLACE FUNCTION sign_of(i int) RETURNS int LANGUAGE sql
						BEGIN ATOMIC
						  SELECT CASE WHEN i > 0 THEN 1 WHEN i < 0 THEN -1 ELSE 0 END;
						END;""", "SELECT sign_of(-3);")),
				arguments("BEGIN ATOMIC body of a procedure holding several statements",
						"CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); "
								+ "INSERT INTO t VALUES (2); END; CALL p();\n",
						List.of("CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); "
								+ "INSERT INTO t VALUES (2); END;", "CALL p();")),
				arguments("a parameter named begin does not open a body",
						"CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql AS 'SELECT $1'; SELECT f(1);\n",
						List.of("CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql AS 'SELECT $1';", "SELECT f(1);")),
				arguments("a CASE ... END outside a routine body does not count",
						"SELECT CASE WHEN true THEN 1 END; SELECT 2;\n",
						List.of("SELECT CASE WHEN true THEN 1 END;", "SELECT 2;")));
	}

}
