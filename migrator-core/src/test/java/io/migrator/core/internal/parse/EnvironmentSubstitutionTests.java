package io.migrator.core.internal.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.migrator.core.internal.parse.ParsedScripts.parseGoose;
import static io.migrator.core.internal.parse.ParsedScripts.sqlOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * ENVSUB replaces variable references and nothing else.
 */
class EnvironmentSubstitutionTests {

	private static final Map<String, String> VARIABLES = variables();

	@ParameterizedTest(name = "[{0}] -> [{1}]")
	@MethodSource("references")
	void replacesReferencesOnly(String text, String expected) {
		StringBuilder out = new StringBuilder();
		new EnvironmentSubstitution(ParsedScripts.SOURCE, VARIABLES::get).substitute(text, 0, text.length(), out, 1);
		assertThat(out).hasToString(expected);
	}

	static Stream<Arguments> references() {
		return Stream.of(
				arguments("${NAME}", "alice"),
				arguments("$NAME", "alice"),
				arguments("x_$NAME.y", "x_alice.y"),
				arguments("${UNSET}", ""),
				arguments("$UNSET", ""),
				arguments("${NAME:-other}", "alice"),
				arguments("${UNSET:-other}", "other"),
				arguments("${EMPTY:-other}", "other"),
				arguments("${UNSET-other}", "other"),
				arguments("${EMPTY-other}", ""),
				arguments("${NAME?must be set}", "alice"),
				arguments("${EMPTY?must be set}", ""),
				arguments("\\$NAME and \\${NAME}", "$NAME and ${NAME}"),
				arguments("DO $$ BEGIN NULL; END $$", "DO $$ BEGIN NULL; END $$"),
				arguments("$$BEGIN$$", "$$BEGIN$$"),
				arguments("$fn$BEGIN RETURN $1; END$fn$", "$fn$BEGIN RETURN $1; END$fn$"),
				arguments("$NAME$ stays a tag", "$NAME$ stays a tag"),
				arguments("costs $ 5", "costs $ 5"),
				arguments("ends with $", "ends with $"),
				arguments("'${ROLE}' inside a string", "'app_rw' inside a string"));
	}

	@Test
	void substitutesInsideDollarQuotedBlocksWithoutTouchingTheQuotes() {
		List<String> statements = sqlOf(parseGoose("""
				-- +goose Up
				-- +goose ENVSUB ON
				-- +goose StatementBegin
				DO $$
				BEGIN
				  EXECUTE 'GRANT SELECT ON t TO ${ROLE}';
				END $$;
				-- +goose StatementEnd
				""", VARIABLES));
		assertThat(statements).containsExactly("DO $$\nBEGIN\n  EXECUTE 'GRANT SELECT ON t TO app_rw';\nEND $$;");
	}

	@Test
	void splitsOnTheOriginalTextSoSubstitutedValuesCannotAddStatements() {
		assertThat(sqlOf(parseGoose("-- +goose Up\n-- +goose ENVSUB ON\nSELECT '${TRICKY}'; SELECT 2;\n", VARIABLES)))
			.containsExactly("SELECT 'x'; DROP TABLE t; --';", "SELECT 2;");
	}

	@Test
	void substitutesOnlyWhileSwitchedOn() {
		List<String> statements = sqlOf(parseGoose("""
				-- +goose Up
				SELECT '${NAME}';
				-- +goose ENVSUB ON
				SELECT '${NAME}';
				-- +goose ENVSUB OFF
				SELECT '${NAME}';
				""", VARIABLES));
		assertThat(statements).containsExactly("SELECT '${NAME}';", "SELECT 'alice';", "SELECT '${NAME}';");
	}

	private static Map<String, String> variables() {
		Map<String, String> variables = new HashMap<>();
		variables.put("NAME", "alice");
		variables.put("EMPTY", "");
		variables.put("ROLE", "app_rw");
		variables.put("TRICKY", "x'; DROP TABLE t; --");
		return variables;
	}

}
