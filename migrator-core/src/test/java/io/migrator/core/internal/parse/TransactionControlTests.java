package io.migrator.core.internal.parse;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.migrator.core.Direction;
import io.migrator.core.InvalidSourceException;

import static io.migrator.core.internal.parse.ParsedScripts.parseGoose;
import static io.migrator.core.internal.parse.ParsedScripts.parsePlain;
import static io.migrator.core.internal.parse.ParsedScripts.sqlOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A transactional migration must not start, end or prepare its transaction itself: a
 * COMMIT in the middle would commit half a migration without its history row.
 */
class TransactionControlTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("controllingFiles")
	void refusesTransactionControlAtTheTopLevelOfATransactionalFile(String description, String file, int line,
			String command) {
		assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> parseGoose(file))
			.withMessage(ParsedScripts.SOURCE + ":" + line + ": " + command + " in a migration that runs in a "
					+ "transaction: migrator runs each migration in its own transaction and commits it together with "
					+ "its history row. Remove the transaction control statements (BEGIN, COMMIT, ...; migrator commits "
					+ "for you), or add '-- +goose NO TRANSACTION' to run the file statement by statement as written")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(line));
	}

	static Stream<Arguments> controllingFiles() {
		return Stream.of(arguments("BEGIN ... COMMIT around the statements",
				"-- +goose Up\nBEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n", 2, "BEGIN"),
				arguments("lower case COMMIT", "-- +goose Up\nCREATE TABLE t (id int);\ncommit;\n", 3, "COMMIT"),
				arguments("END", "-- +goose Up\nCREATE TABLE t (id int);\n  END ;\n", 3, "END"),
				arguments("ROLLBACK", "-- +goose Up\nSELECT 1;\nROLLBACK;\n", 3, "ROLLBACK"),
				arguments("ABORT", "-- +goose Up\nSELECT 1; ABORT;\n", 2, "ABORT"),
				arguments("START TRANSACTION with options",
						"-- +goose Up\nSTART TRANSACTION ISOLATION LEVEL SERIALIZABLE;\n", 2, "START TRANSACTION"),
				arguments("PREPARE TRANSACTION", "-- +goose Up\nSELECT 1;\nPREPARE TRANSACTION 'x';\n", 3,
						"PREPARE TRANSACTION"),
				arguments("after a comment on its line", "-- +goose Up\n/* done */ COMMIT; -- bye\n", 2, "COMMIT"),
				arguments("in the Down section", "-- +goose Up\nSELECT 1;\n-- +goose Down\nBEGIN;\nSELECT 2;\n", 4,
						"BEGIN"),
				arguments("between the statements of a block", """
						-- +goose Up
						-- +goose StatementBegin
						CREATE TABLE t (id int);
						COMMIT;
						CREATE INDEX CONCURRENTLY i ON t (id);
						-- +goose StatementEnd
						""", 4, "COMMIT"),
				arguments("as the last statement of a block, without ';'", """
						-- +goose Up
						-- +goose StatementBegin
						CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
						COMMIT
						-- +goose StatementEnd
						""", 4, "COMMIT"),
				arguments("the first one is named", "-- +goose Up\nSELECT 1;\nCOMMIT;\nBEGIN;\n", 3, "COMMIT"),
				arguments("after a column named begin in a block", """
						-- +goose Up
						-- +goose StatementBegin
						SELECT begin FROM t;
						COMMIT;
						-- +goose StatementEnd
						""", 4, "COMMIT"),
				arguments("after a MySQL trigger body in a block", """
						-- +goose Up
						-- +goose StatementBegin
						CREATE TRIGGER stamp BEFORE INSERT ON items FOR EACH ROW
						BEGIN
						  SET NEW.n = 1;
						END;
						COMMIT;
						-- +goose StatementEnd
						""", 7, "COMMIT"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("allowedFiles")
	void acceptsWhatOnlyLooksLikeTransactionControl(String description, String file, int statements) {
		assertThat(sqlOf(parseGoose(file))).hasSize(statements);
	}

	static Stream<Arguments> allowedFiles() {
		return Stream.of(arguments("PL/pgSQL BEGIN ... END in a dollar-quoted body", """
				-- +goose Up
				CREATE FUNCTION f() RETURNS int AS $$
				BEGIN
				  RETURN 1;
				END;
				$$ LANGUAGE plpgsql;
				DO $$ BEGIN PERFORM f(); END $$;
				""", 2), arguments("a body in a quoted string", """
				-- +goose Up
				CREATE FUNCTION g() RETURNS int AS '
				BEGIN
				  RETURN 1;
				END;
				' LANGUAGE plpgsql;
				""", 1), arguments("BEGIN ATOMIC ... END in a block holding several statements", """
				-- +goose Up
				-- +goose StatementBegin
				CREATE TABLE t (id int);
				CREATE OR REPLACE PROCEDURE fill() LANGUAGE sql
				BEGIN ATOMIC
				  INSERT INTO t VALUES (1);
				  SELECT CASE WHEN count(*) > 0 THEN 1 END FROM t;
				END;
				CREATE FUNCTION one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
				-- +goose StatementEnd
				""", 1), arguments("BEGIN ATOMIC ... END outside a block", """
				-- +goose Up
				CREATE FUNCTION two() RETURNS int LANGUAGE sql
				BEGIN ATOMIC
				  SELECT 2;
				END;
				""", 1), arguments("END of a CASE", "-- +goose Up\nSELECT CASE WHEN true THEN 1\nEND;\n", 1),
				arguments("SAVEPOINT, RELEASE and ROLLBACK TO keep the migration's transaction",
						"-- +goose Up\nSAVEPOINT s;\nSELECT 1;\nROLLBACK TO SAVEPOINT s;\nRELEASE s;\n", 4),
				arguments("words in strings, identifiers and comments",
						"-- +goose Up\nSELECT 'COMMIT';\nSELECT 1 AS \"commit\"; -- COMMIT;\n/* BEGIN; */ SELECT 2;\n", 3),
				arguments("a column named begin or end", "-- +goose Up\nSELECT begin_at, \"end\" FROM t;\n", 1),
				arguments("PREPARE of a statement", "-- +goose Up\nPREPARE q AS SELECT 1;\n", 1),
				arguments("END of a MySQL trigger body in a block", """
						-- +goose Up
						-- +goose StatementBegin
						CREATE TRIGGER stamp BEFORE INSERT ON items FOR EACH ROW
						BEGIN
						  IF NEW.created_at IS NULL THEN
						    SET NEW.created_at = NOW();
						  END IF;
						  WHILE NEW.n < 3 DO SET NEW.n = NEW.n + 1; END WHILE;
						END
						-- +goose StatementEnd
						""", 1),
				arguments("END of a MySQL procedure with IF and LOOP in a block", """
						-- +goose Up
						-- +goose StatementBegin
						CREATE PROCEDURE fill()
						BEGIN
						  DECLARE i INT DEFAULT 0;
						  l: LOOP
						    IF i > 3 THEN LEAVE l; END IF;
						    SET i = i + 1;
						  END LOOP;
						END;
						-- +goose StatementEnd
						""", 1),
				arguments("the file runs without a transaction, NO TRANSACTION after the statements",
						"-- +goose Up\nBEGIN;\nSELECT 1;\nCOMMIT;\n-- +goose NO TRANSACTION\n", 3));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pairedFiles")
	void refusesAPairedFileWrappedInBeginCommitUnlessItRunsWithoutATransaction(String description, String text,
			boolean refused) {
		if (refused) {
			assertThatExceptionOfType(InvalidSourceException.class)
				.isThrownBy(() -> parsePlain("00002_users.up.sql", text, Direction.UP))
				.withMessageStartingWith("00002_users.up.sql:1: BEGIN in a migration that runs in a transaction");
		}
		else {
			assertThat(parsePlain("00002_users.up.sql", text, Direction.UP)).hasSize(3);
		}
	}

	static Stream<Arguments> pairedFiles() {
		String wrapped = "BEGIN;\nCREATE TABLE users (id int);\nCOMMIT;\n";
		return Stream.of(arguments("golang-migrate style", wrapped, true),
				arguments("with NO TRANSACTION", wrapped + "-- +goose NO TRANSACTION\n", false));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("substitutedFiles")
	void judgesTheTextAsWrittenNotAsSubstituted(String description, String file, List<String> sent) {
		assertThat(sqlOf(parseGoose(file, Map.of("CMD", "COMMIT")))).containsExactlyElementsOf(sent);
	}

	static Stream<Arguments> substitutedFiles() {
		return Stream.of(arguments("a variable holding COMMIT inside a string stays data",
				"-- +goose Up\n-- +goose ENVSUB ON\nSELECT '${CMD}';\n", List.of("SELECT 'COMMIT';")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("injectingFiles")
	void refusesTransactionControlThatAnEnvsubValueBringsToTheTopLevel(String description, String file, int line) {
		assertThatExceptionOfType(InvalidSourceException.class)
			.isThrownBy(() -> parseGoose(file, Map.of("CMD", "COMMIT", "TABLE", "t; COMMIT")))
			.withMessageStartingWith(ParsedScripts.SOURCE + ":" + line
					+ ": COMMIT (from an ENVSUB value) in a migration that runs in a transaction");
	}

	static Stream<Arguments> injectingFiles() {
		return Stream.of(arguments("a statement that is a variable", "-- +goose Up\n-- +goose ENVSUB ON\n${CMD};\n", 3),
				arguments("a value holding a second statement", "-- +goose Up\n-- +goose ENVSUB ON\nSELECT 1;\n"
						+ "DELETE FROM ${TABLE};\n", 4),
				arguments("inside a block", "-- +goose Up\n-- +goose ENVSUB ON\n-- +goose StatementBegin\n"
						+ "CREATE TABLE t (id int);\n${CMD};\n-- +goose StatementEnd\n", 4));
	}

}
