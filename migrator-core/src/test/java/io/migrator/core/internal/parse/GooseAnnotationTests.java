package io.migrator.core.internal.parse;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.migrator.core.Direction;

import static io.migrator.core.internal.parse.ParsedScripts.parse;
import static io.migrator.core.internal.parse.ParsedScripts.parseGoose;
import static io.migrator.core.internal.parse.ParsedScripts.sqlOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Goose annotations as real migration directories write them.
 */
class GooseAnnotationTests {

	@ParameterizedTest(name = "[{0}]")
	@MethodSource("spellings")
	void recognisesAnnotationsWhateverTheirCaseAndSpacing(String line, GooseAnnotation expected) {
		assertThat(GooseAnnotation.parse(ParsedScripts.SOURCE, 1, line)).isEqualTo(expected);
	}

	static Stream<Arguments> spellings() {
		return Stream.of(
				arguments("-- +goose Up\n", GooseAnnotation.UP),
				arguments("--+goose up", GooseAnnotation.UP),
				arguments("  -- +GOOSE UP  \t\r\n", GooseAnnotation.UP),
				arguments("-- +goose Down \n", GooseAnnotation.DOWN),
				arguments("-- +goose statementbegin", GooseAnnotation.STATEMENT_BEGIN),
				arguments("\t--  +goose StatementEnd\t", GooseAnnotation.STATEMENT_END),
				arguments("-- +goose NO TRANSACTION", GooseAnnotation.NO_TRANSACTION),
				arguments("-- +goose no \t transaction ", GooseAnnotation.NO_TRANSACTION),
				arguments("-- +goose ENVSUB ON", GooseAnnotation.ENVSUB_ON),
				arguments("-- +goose envsub off", GooseAnnotation.ENVSUB_OFF));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-- goose Up", "SELECT 1; -- +goose Up", "-- a comment mentioning +goose Up", "- +goose Up" })
	void ignoresLinesThatAreNotAnnotations(String line) {
		assertThat(GooseAnnotation.parse(ParsedScripts.SOURCE, 1, line)).isNull();
	}

	@Test
	void acceptsNoTransactionAfterUpAndTwice() {
		SqlScriptParser parser = parser("""
				-- +goose NO TRANSACTION
				-- +goose Up
				-- +goose NO TRANSACTION
				CREATE INDEX CONCURRENTLY i ON t (c);
				""");
		assertThat(sqlOf(parse(parser))).containsExactly("CREATE INDEX CONCURRENTLY i ON t (c);");
		assertThat(parser.noTransaction()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("noTransactionPlacements")
	void noTransactionAnywhereMarksTheWholeFileAndIsNeverSent(String placement, String file, List<String> sent) {
		SqlScriptParser parser = ParsedScripts.goose(file, Map.of());
		assertThat(sqlOf(parse(parser))).containsExactlyElementsOf(sent);
		assertThat(parser.noTransaction()).isTrue();
	}

	static Stream<Arguments> noTransactionPlacements() {
		return Stream.of(
				arguments("after Up, with trailing spaces", "-- +goose Up\n-- +goose NO TRANSACTION   \t\nSELECT 1;\n",
						List.of("SELECT 1;")),
				arguments("twice", "-- +goose NO TRANSACTION\n-- +goose Up\n-- +goose NO TRANSACTION\nSELECT 1;\n",
						List.of("SELECT 1;")),
				arguments("after the last statement", "-- +goose Up\nSELECT 1;\nSELECT 2;\n-- +goose NO TRANSACTION\n",
						List.of("SELECT 1;", "SELECT 2;")),
				arguments("in the Down section", "-- +goose Up\nSELECT 1;\n-- +goose Down\n-- +goose no transaction\n",
						List.of("SELECT 1;")),
				arguments("inside a StatementBegin block", """
						-- +goose Up
						-- +goose StatementBegin
						CREATE INDEX CONCURRENTLY i ON t (c);
						-- +goose NO TRANSACTION
						-- +goose StatementEnd
						""", List.of("CREATE INDEX CONCURRENTLY i ON t (c);")),
				arguments("between the lines of a statement", "-- +goose Up\nCREATE INDEX CONCURRENTLY i\n"
						+ "-- +goose NO TRANSACTION\nON t (c);\n", List.of("CREATE INDEX CONCURRENTLY i\nON t (c);")),
				arguments("inside a dollar-quoted body", """
						-- +goose Up
						DO $$
						-- +goose NO TRANSACTION
						BEGIN PERFORM 1; END $$;
						""", List.of("DO $$\nBEGIN PERFORM 1; END $$;")));
	}

	@Test
	void statementBeginInTheMiddleOfAStatementKeepsTheLinesReadBeforeIt() {
		List<SqlStatement> statements = parseGoose("""
				-- +goose Up
				CREATE TABLE t (id int);
				CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS
				-- +goose StatementBegin
				$$
				BEGIN
				  RETURN 1;
				END;
				$$;
				-- +goose StatementEnd
				SELECT f();
				""");
		assertThat(statements).extracting(SqlStatement::sql, SqlStatement::line, SqlStatement::block)
			.containsExactly(tuple("CREATE TABLE t (id int);", 2, false),
					tuple("CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS\n$$\nBEGIN\n  RETURN 1;\nEND;\n$$;", 3,
							true),
					tuple("SELECT f();", 11, false));
	}

	@Test
	void blockOfSeveralStatementsIsSentWithoutItsAnnotationLinesAndKeepsItsTrailingComment() {
		List<SqlStatement> statements = parseGoose("""
				-- +goose Up
				-- +goose StatementBegin
				CREATE TABLE events (id int, at date);
				-- +goose ENVSUB ON
				INSERT INTO events VALUES (1, '${DAY}');
				-- +goose ENVSUB OFF
				INSERT INTO events VALUES (2, '${DAY}'); -- the last statement ends with a comment
				-- +goose StatementEnd
				""", Map.of("DAY", "2026-05-01"));
		assertThat(statements).extracting(SqlStatement::sql, SqlStatement::block)
			.containsExactly(tuple("CREATE TABLE events (id int, at date);\nINSERT INTO events VALUES (1, '2026-05-01');"
					+ "\nINSERT INTO events VALUES (2, '${DAY}'); -- the last statement ends with a comment", true));
	}

	@Test
	void statementBeginInsideAnOpenDollarQuoteContinuesTheStatement() {
		List<SqlStatement> statements = parseGoose("""
				-- +goose Up
				CREATE FUNCTION f() RETURNS int AS $$
				-- +goose StatementBegin
				BEGIN RETURN 1; END;
				$$ LANGUAGE plpgsql;
				-- +goose StatementEnd
				""");
		assertThat(sqlOf(statements))
			.containsExactly("CREATE FUNCTION f() RETURNS int AS $$\nBEGIN RETURN 1; END;\n$$ LANGUAGE plpgsql;");
	}

	@Test
	void runsInATransactionByDefault() {
		SqlScriptParser parser = parser("-- +goose Up\nSELECT 1;\n");
		parse(parser);
		assertThat(parser.noTransaction()).isFalse();
	}

	@Test
	void acceptsAFileWithoutDown() {
		SqlScriptParser parser = parser("-- +goose Up\nCREATE TABLE t (id int);\n");
		assertThat(parse(parser)).extracting(SqlStatement::direction).containsExactly(Direction.UP);
		assertThat(parser.hasDownSection()).isFalse();
	}

	@Test
	void acceptsAnEmptyUpSection() {
		SqlScriptParser parser = parser("-- +goose Up\n-- nothing yet\n-- +goose Down\n");
		assertThat(parse(parser)).isEmpty();
		assertThat(parser.hasDownSection()).isTrue();
	}

	@Test
	void numbersStatementsPerDirectionWithTheirFirstLine() {
		List<SqlStatement> statements = parseGoose("""
				-- migration for users

				-- +goose Up
				CREATE TABLE users (
				  id int
				);

				-- seed
				INSERT INTO users VALUES (1); INSERT INTO users VALUES (2);
				-- +goose StatementBegin
				CREATE FUNCTION f() RETURNS int AS 'SELECT 1' LANGUAGE sql;
				-- +goose StatementEnd

				-- +goose Down
				DROP FUNCTION f();
				DROP TABLE users;
				""");
		assertThat(statements).extracting(SqlStatement::direction, SqlStatement::number, SqlStatement::line)
			.containsExactly(tuple(Direction.UP, 1, 4), tuple(Direction.UP, 2, 8), tuple(Direction.UP, 3, 9),
					tuple(Direction.UP, 4, 11), tuple(Direction.DOWN, 1, 15), tuple(Direction.DOWN, 2, 16));
		assertThat(statements.get(1).sql()).isEqualTo("-- seed\nINSERT INTO users VALUES (1);");
	}

	@Test
	void sendsAStatementBlockAsWrittenEvenWhenItsLastStatementLacksASemicolon() {
		List<SqlStatement> statements = parseGoose("""
				-- +goose Up
				-- +goose StatementBegin
				CREATE TABLE a (id int);
				-- fill it
				INSERT INTO a VALUES (1);
				UPDATE a SET id = 2
				-- +goose StatementEnd
				SELECT 1;
				""");
		assertThat(sqlOf(statements)).containsExactly("""
				CREATE TABLE a (id int);
				-- fill it
				INSERT INTO a VALUES (1);
				UPDATE a SET id = 2""", "SELECT 1;");
		assertThat(statements.get(0).line()).isEqualTo(3);
	}

	@Test
	void readsCrlfInsideAStatementBlockAsLineFeeds() {
		List<SqlStatement> statements = parseGoose(
				"-- +goose Up\r\n-- +goose StatementBegin\r\nSELECT 1;\r\nSELECT 2;\r\n-- +goose StatementEnd\r\n");
		assertThat(sqlOf(statements)).containsExactly("SELECT 1;\nSELECT 2;");
	}

	@Test
	void neverSendsAnAnnotationLineInsideADollarQuote() {
		List<SqlStatement> statements = parseGoose("""
				-- +goose Up
				-- +goose StatementBegin
				CREATE FUNCTION f() RETURNS text AS $$
				-- +goose NO TRANSACTION
				SELECT 'x'$$ LANGUAGE sql;
				-- +goose StatementEnd
				""");
		assertThat(sqlOf(statements)).containsExactly("CREATE FUNCTION f() RETURNS text AS $$\nSELECT 'x'$$ LANGUAGE sql;");
	}

	@Test
	void skipsAByteOrderMark() {
		assertThat(sqlOf(parseGoose("\uFEFF-- +goose Up\nSELECT 1;\n"))).containsExactly("SELECT 1;");
	}

	private static SqlScriptParser parser(String text) {
		return new SqlScriptParser(ParsedScripts.SOURCE, new StringReader(text), SqlScriptFormat.GOOSE, null,
				(name) -> null);
	}

}
