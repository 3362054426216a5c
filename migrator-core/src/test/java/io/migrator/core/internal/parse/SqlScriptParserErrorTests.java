package io.migrator.core.internal.parse;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.migrator.core.Direction;
import io.migrator.core.InvalidSourceException;

import static io.migrator.core.internal.parse.ParsedScripts.parseGoose;
import static io.migrator.core.internal.parse.ParsedScripts.parsePlain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every malformed input fails with the file, the line and what to do.
 */
class SqlScriptParserErrorTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedScripts")
	void rejectsMalformedScriptNamingFileAndLine(String description, String script, int line, String message) {
		assertThatExceptionOfType(InvalidSourceException.class)
			.isThrownBy(() -> parseGoose(script, Map.of("SET", "yes")))
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(line));
	}

	static Stream<Arguments> malformedScripts() {
		String file = ParsedScripts.SOURCE;
		return Stream.of(
				arguments("no Up", "-- only a comment\n\n", 1, file
						+ ":1: no '-- +goose Up' annotation. Add '-- +goose Up' above the first statement; goose files need it even when empty"),
				arguments("every line commented out, Up included",
						"-- disabled until reviewed\n-- -- +goose Up\n-- CREATE TABLE t (id int);\n--\n-- -- +goose Down\n", 2,
						file + ":2: no '-- +goose Up' annotation: the one on line 2 is commented out. Uncomment the file to "
								+ "run this migration, or delete it; goose refuses it as it is too"),
				arguments("empty file", "", 1, file
						+ ":1: no '-- +goose Up' annotation. Add '-- +goose Up' above the first statement; goose files need it even when empty"),
				arguments("Down before Up", "-- header\n-- +goose Down\nSELECT 1;\n", 2, file
						+ ":2: '-- +goose Down' before '-- +goose Up'. Put the Up section first, starting with '-- +goose Up'"),
				arguments("second Up", "-- +goose Up\nSELECT 1;\n-- +goose UP\n", 3,
						file + ":3: second '-- +goose Up' (the first is at line 1). Keep one '-- +goose Up' per file"),
				arguments("Up again after Down", "-- +goose Up\n-- +goose Down\n-- +goose Up\n", 3,
						file + ":3: second '-- +goose Up' (the first is at line 1). Keep one '-- +goose Up' per file"),
				arguments("second Down", "-- +goose Up\n-- +goose Down\nSELECT 1;\n-- +goose Down\n", 4,
						file + ":4: second '-- +goose Down' (the first is at line 2). Keep one '-- +goose Down' per file"),
				arguments("SQL before Up", "-- header\n\nCREATE TABLE t (id int);\n-- +goose Up\n", 3, file
						+ ":3: SQL before '-- +goose Up'. Move it below '-- +goose Up', or add '-- +goose Up' above it"),
				arguments("StatementBegin before Up", "-- +goose StatementBegin\n", 1,
						file + ":1: '-- +goose StatementBegin' before '-- +goose Up'. Add '-- +goose Up' above it"),
				arguments("unknown annotation", "-- +goose Up\n-- +goose Upgrade \n", 2, file
						+ ":2: unknown annotation '-- +goose Upgrade'. Use one of: Up, Down, StatementBegin, StatementEnd, NO TRANSACTION, ENVSUB ON, ENVSUB OFF (case does not matter)"),
				arguments("comment after an annotation on its line",
						"-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down -- undo it\nDROP TABLE t;\n", 3, file
								+ ":3: text after the annotation '-- +goose Down' on its line: '-- undo it'. Put "
								+ "'-- +goose Down' alone on its line and the rest on the next; goose does not read "
								+ "the line as that annotation either"),
				arguments("classic Mac line endings", "-- +goose Up\rSELECT 1;\r", 1, file
						+ ":1: lines end with a bare carriage return (\\r), so the whole file reads as one line. Save the file with LF (or CRLF) line endings"),
				arguments("annotation without command", "-- +goose\n", 1, file
						+ ":1: annotation '-- +goose' without a command. Use one of: Up, Down, StatementBegin, StatementEnd, NO TRANSACTION, ENVSUB ON, ENVSUB OFF (case does not matter)"),
				arguments("StatementBegin inside a block",
						"-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose StatementBegin\n", 4, file
								+ ":4: '-- +goose StatementBegin' inside the StatementBegin block opened at line 2. Close the block with '-- +goose StatementEnd' first"),
				arguments("Up inside a block",
						"-- +goose Up\n-- +goose StatementBegin\n-- +goose Up\n", 3, file
								+ ":3: '-- +goose Up' inside the StatementBegin block opened at line 2. Close the block with '-- +goose StatementEnd' first"),
				arguments("StatementEnd without StatementBegin", "-- +goose Up\nSELECT 1;\n-- +goose StatementEnd\n", 3,
						file + ":3: '-- +goose StatementEnd' without '-- +goose StatementBegin'. Add '-- +goose StatementBegin' above the block, or remove this line"),
				arguments("Down inside an open block",
						"-- +goose Up\n\n-- +goose StatementBegin\nSELECT 1;\n-- +goose Down\nSELECT 2;\n", 5, file
								+ ":5: '-- +goose Down' inside the StatementBegin block opened at line 3. Close the block with '-- +goose StatementEnd' first"),
				arguments("StatementBegin open at end of file", "-- +goose Up\n\n-- +goose StatementBegin\nSELECT 1;\n",
						3, file + ":3: '-- +goose StatementBegin' is never closed. Add '-- +goose StatementEnd' after the block's last line"),
				arguments("unterminated string", "-- +goose Up\nSELECT 1;\nSELECT 'abc;\n\nmore;\n", 3,
						file + ":3: unterminated string literal. Close it with '; everything after it was read as part of it"),
				arguments("unterminated E'' string", "-- +goose Up\nSELECT E'it\\';\n", 2, file
						+ ":2: unterminated E'' string literal. Close it with '; everything after it was read as part of it"),
				arguments("unterminated quoted identifier", "-- +goose Up\nSELECT \"a;\nSELECT 2;\n", 2, file
						+ ":2: unterminated quoted identifier. Close it with \"; everything after it was read as part of it"),
				arguments("unterminated backtick-quoted identifier", "-- +goose Up\nSELECT `a;\nSELECT 2;\n", 2, file
						+ ":2: unterminated backtick-quoted identifier. Close it with `; everything after it was read as part of it"),
				arguments("unterminated dollar quote", "-- +goose Up\nDO $fn$\nBEGIN NULL; END $$;\n", 2, file
						+ ":2: unterminated dollar quote $fn$. Close it with $fn$; everything after it was read as part of it"),
				arguments("unterminated nested block comment", "-- +goose Up\n/* a /* b */\nSELECT 1;\n", 2, file
						+ ":2: unterminated block comment. Close it with */; everything after it was read as part of it"),
				arguments("StatementEnd inside an unterminated dollar quote",
						"-- +goose Up\n-- +goose StatementBegin\nDO $$ BEGIN\n-- +goose StatementEnd\n", 4, file
								+ ":4: '-- +goose StatementEnd' inside the dollar quote $$ opened at line 3. Close it with $$ above this line"),
				arguments("Down inside an unterminated string", "-- +goose Up\nSELECT 'abc;\n-- +goose Down\n", 3, file
						+ ":3: '-- +goose Down' inside the string literal opened at line 2. Close it with ' above this line"),
				arguments("final statement without ';'", "-- +goose Up\nSELECT 1;\n\nSELECT\n  2\n", 4, file
						+ ":4: statement 2 of the Up section does not end with ';'. End it with ';', or wrap it in '-- +goose StatementBegin' and '-- +goose StatementEnd'"),
				arguments("Up statement without ';' before Down", "-- +goose Up\nSELECT 1\n-- +goose Down\nSELECT 2;\n",
						2, file + ":2: statement 1 of the Up section does not end with ';'. End it with ';', or wrap it in '-- +goose StatementBegin' and '-- +goose StatementEnd'"),
				arguments("ENVSUB required variable unset",
						"-- +goose Up\n-- +goose ENVSUB ON\nSELECT '${SET}';\nGRANT ALL ON t TO ${APP_ROLE?set the application role};\n",
						4, file + ":4: ENVSUB variable APP_ROLE is not set: set the application role. Set APP_ROLE in the environment, or remove the reference"));
	}

	@Test
	void rejectsUpAnnotationInPairedFile() {
		assertThatExceptionOfType(InvalidSourceException.class)
			.isThrownBy(() -> parsePlain("00002_users.up.sql", "-- +goose Up\nSELECT 1;\n", Direction.UP))
			.withMessage("00002_users.up.sql:1: '-- +goose Up' in a paired .up.sql file. "
					+ "Remove it: paired files take their direction from the file name; or, if this is a goose file "
					+ "with its own Up and Down sections, rename it to 00002_users.sql");
	}

	@Test
	void rejectsDownAnnotationInPairedFile() {
		assertThatExceptionOfType(InvalidSourceException.class)
			.isThrownBy(() -> parsePlain("00002_users.down.sql", "SELECT 1;\n-- +goose Down\n", Direction.DOWN))
			.withMessage("00002_users.down.sql:2: '-- +goose Down' in a paired .down.sql file. "
					+ "Remove it: paired files take their direction from the file name");
	}

	@Test
	void rejectsPairedFileWithoutSemicolonAtTheEnd() {
		assertThatExceptionOfType(InvalidSourceException.class)
			.isThrownBy(() -> parsePlain("00002_users.up.sql", "SELECT 1;\nSELECT 2", Direction.UP))
			.withMessageStartingWith("00002_users.up.sql:2: statement 2 of the Up section does not end with ';'");
	}

}
