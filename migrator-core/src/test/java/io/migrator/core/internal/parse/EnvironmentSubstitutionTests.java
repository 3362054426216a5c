package io.migrator.core.internal.parse;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.migrator.core.InvalidSourceException;

import static io.migrator.core.internal.parse.ParsedScripts.parseGoose;
import static io.migrator.core.internal.parse.ParsedScripts.sqlOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
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
		new EnvironmentSubstitution(ParsedScripts.SOURCE, VARIABLES::get).substitute(text, 0, text.length(), out, 1,
				new LinkedHashSet<>());
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
				arguments("'${ROLE}' inside a string", "'app_rw' inside a string"),
				arguments("${UNSET:-${NAME}}", "alice"),
				arguments("${UNSET:-${EMPTY:-${ROLE}}}", "app_rw"),
				arguments("${NAME:-${UNSET?not needed, so no error}}", "alice"),
				arguments("${UNSET:-a $NAME b}", "a alice b"),
				arguments("${NAME:0:3}", "ali"),
				arguments("${NAME:2}", "ice"),
				arguments("${NAME: -3}", "ice"),
				arguments("${NAME:1:-1}", "lic"),
				arguments("${NAME:9}", ""),
				arguments("${UNSET:0:3}", ""),
				arguments("${ACCENTED:1:2}", "\u00e9t"),
				arguments("\\\\$NAME", "\\\\alice"),
				arguments("$(date)", "$(date)"));
	}

	@ParameterizedTest(name = "[{0}]")
	@MethodSource("malformedReferences")
	void refusesMalformedReferencesWithTheLine(String text, String problem) {
		assertThatExceptionOfType(InvalidSourceException.class)
			.isThrownBy(() -> new EnvironmentSubstitution(ParsedScripts.SOURCE, VARIABLES::get).substitute(text, 0,
					text.length(), new StringBuilder(), 7, new LinkedHashSet<>()))
			.withMessageStartingWith(ParsedScripts.SOURCE + ":7: " + problem)
			.withMessageContaining("write \\$ for a literal $");
	}

	static Stream<Arguments> malformedReferences() {
		return Stream.of(arguments("x ${NAME", "malformed ENVSUB reference '${NAME': '${' is never closed by '}'"),
				arguments("${1}", "malformed ENVSUB reference '${1}': '${' is not followed by a variable name"),
				arguments("${}", "malformed ENVSUB reference '${}': '${' is not followed by a variable name"),
				arguments("${NAME:=x}", "malformed ENVSUB reference '${NAME:=x}': '=x' is not a substring offset"),
				arguments("${NAME/a/b}", "malformed ENVSUB reference '${NAME/a/b}': unsupported reference"),
				arguments("${UNSET:-${NAME}", "malformed ENVSUB reference '${UNSET:-${NAME}': '${' is never closed"),
				arguments("${NAME:1:2:3}", "malformed ENVSUB reference '${NAME:1:2:3}': a substring takes an offset"));
	}

	@ParameterizedTest(name = "[{0}] -> {1}")
	@MethodSource("emptiedReferences")
	void recordsTheUnsetVariablesItReplacedByNothing(String text, List<String> emptied) {
		Set<String> recorded = new LinkedHashSet<>();
		new EnvironmentSubstitution(ParsedScripts.SOURCE, VARIABLES::get).substitute(text, 0, text.length(),
				new StringBuilder(), 1, recorded);
		assertThat(recorded).containsExactlyElementsOf(emptied);
	}

	static Stream<Arguments> emptiedReferences() {
		return Stream.of(arguments("OWNER TO $UNSET, ${UNSET}", List.of("UNSET")),
				arguments("${UNSET:0:3} $OTHER_UNSET", List.of("UNSET", "OTHER_UNSET")),
				arguments("${EMPTY} $NAME", List.of()),
				arguments("${UNSET:-x} ${UNSET-y}", List.of()),
				arguments("${UNSET:-$ALSO_UNSET}", List.of("ALSO_UNSET")),
				arguments("${NAME:-$UNSET}", List.of()));
	}

	@Test
	void namesTheUnsetRequiredVariableAndItsExpandedMessage() {
		assertThatExceptionOfType(InvalidSourceException.class)
			.isThrownBy(() -> new EnvironmentSubstitution(ParsedScripts.SOURCE, VARIABLES::get)
				.substitute("${UNSET?ask $NAME}", 0, 18, new StringBuilder(), 3, new LinkedHashSet<>()))
			.withMessage(ParsedScripts.SOURCE + ":3: ENVSUB variable UNSET is not set: ask alice. "
					+ "Set UNSET in the environment, or remove the reference");
	}

	@Test
	void substitutesInsideABlockAndADollarQuotedBodyWithoutSendingTheAnnotations() {
		List<String> statements = sqlOf(parseGoose("""
				-- +goose Up
				-- +goose StatementBegin
				CREATE FUNCTION owner_of() RETURNS text AS $body$
				-- +goose ENVSUB ON
				  SELECT '${ROLE:0:3}' || $1::text || '$$'
				-- +goose ENVSUB OFF
				  || '${ROLE}'
				$body$ LANGUAGE sql;
				-- +goose StatementEnd
				""", VARIABLES));
		assertThat(statements).containsExactly("CREATE FUNCTION owner_of() RETURNS text AS $body$\n"
				+ "  SELECT 'app' || $1::text || '$$'\n  || '${ROLE}'\n$body$ LANGUAGE sql;");
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
		variables.put("ACCENTED", "r\u00e9t\u00e9");
		return variables;
	}

}
