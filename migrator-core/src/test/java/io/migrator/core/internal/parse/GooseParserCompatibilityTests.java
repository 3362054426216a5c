package io.migrator.core.internal.parse;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.migrator.core.Direction;
import io.migrator.core.InvalidSourceException;

import static io.migrator.core.internal.parse.ParsedScripts.parseGoose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The cases of goose's own parser tests ({@code internal/sqlparser/parser_test.go} and
 * {@code testdata/}), written anew: each input is shaped like goose's, the expected
 * statements are the ones goose produces. Where migrator deliberately sends something
 * else, the case says so next to the expectation:
 * <ul>
 * <li>MID-LINE: a {@code ;} ends a statement wherever it stands outside quotes and
 * comments; goose only looks at the end of a line, so {@code SELECT 1; SELECT 2;} is two
 * statements here and one query in goose, and a comment after the {@code ;} is not sent;</li>
 * <li>LEADING COMMENT: comment lines before a statement are sent with it (SPEC 2.6: as
 * written); goose drops them. Neither changes what the database does.</li>
 * </ul>
 * The differences in ENVSUB, annotation whitespace and the byte order mark have their own
 * test at the end.
 */
class GooseParserCompatibilityTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("validFiles")
	void splitsGooseFilesAsGooseDoesExceptWhereDocumented(String gooseCase, String file, List<String> up,
			List<String> down) {
		List<SqlStatement> statements = parseGoose(file);
		assertThat(sql(statements, Direction.UP)).containsExactlyElementsOf(up);
		assertThat(sql(statements, Direction.DOWN)).containsExactlyElementsOf(down);
	}

	static Stream<Arguments> validFiles() {
		return Stream.of(
				// goose: 4 Up statements, the 3rd being "SELECT 3; SELECT 3; -- third", each
				// keeping its trailing comment; the Down statement without "-- comment".
				arguments("multilineSQL: trailing comments, two statements on a line (MID-LINE, LEADING COMMENT)", """
						-- +goose Up
						CREATE TABLE post (
						    id int NOT NULL,
						    PRIMARY KEY(id)
						);                  -- first

						-- comment
						SELECT 2;           -- second
						SELECT 3; SELECT 3; -- third
						SELECT 4;           -- fourth

						-- +goose Down
						-- comment
						DROP TABLE post;    -- first
						""", List.of("CREATE TABLE post (\n    id int NOT NULL,\n    PRIMARY KEY(id)\n);",
						"-- comment\nSELECT 2;", "SELECT 3;", "SELECT 3;", "SELECT 4;"),
						List.of("-- comment\nDROP TABLE post;")),
				arguments("emptySQL: an Up section holding one comment and no line feed",
						"-- +goose Up\n-- This is just a comment", List.of(), List.of()),
				arguments("emptySQL2: blank lines and comments around both annotations",
						"\n\n-- comment\n-- +goose Up\n\n-- comment\n-- +goose Down\n\n", List.of(), List.of()),
				arguments("functxt: a table, then a PL/pgSQL function in a block", """
						-- +goose Up
						CREATE TABLE IF NOT EXISTS history (
						    id bigserial PRIMARY KEY,
						    created_at timestamptz NOT NULL
						);

						-- +goose StatementBegin
						CREATE OR REPLACE FUNCTION history_partition(date, date)
						RETURNS void AS $$
						DECLARE
						    q text;
						BEGIN
						    FOR q IN SELECT 'CREATE TABLE IF NOT EXISTS history_' || to_char(d, 'YYYY_MM')
						        || ' () INHERITS (history);'
						        FROM generate_series($1, $2, '1 month') AS d
						    LOOP
						        EXECUTE q;
						    END LOOP;  -- LOOP END
						END;         -- FUNCTION END
						$$
						LANGUAGE plpgsql;
						-- +goose StatementEnd

						-- +goose Down
						DROP FUNCTION history_partition(date, date);
						DROP TABLE history;
						""", List.of("CREATE TABLE IF NOT EXISTS history (\n    id bigserial PRIMARY KEY,\n"
						+ "    created_at timestamptz NOT NULL\n);", """
						CREATE OR REPLACE FUNCTION history_partition(date, date)
						RETURNS void AS $$
						DECLARE
						    q text;
						BEGIN
						    FOR q IN SELECT 'CREATE TABLE IF NOT EXISTS history_' || to_char(d, 'YYYY_MM')
						        || ' () INHERITS (history);'
						        FROM generate_series($1, $2, '1 month') AS d
						    LOOP
						        EXECUTE q;
						    END LOOP;  -- LOOP END
						END;         -- FUNCTION END
						$$
						LANGUAGE plpgsql;"""),
						List.of("DROP FUNCTION history_partition(date, date);", "DROP TABLE history;")),
				arguments("mysqlChangeDelimiter: DELIMITER blocks around a MySQL function", """

						-- +goose Up
						-- +goose StatementBegin
						DELIMITER |\s
						-- +goose StatementEnd

						-- +goose StatementBegin
						CREATE FUNCTION my_func( str CHAR(255) ) RETURNS CHAR(255) DETERMINISTIC
						BEGIN\s
						  RETURN "Dummy Body";\s
						END |\s
						-- +goose StatementEnd

						-- +goose StatementBegin
						DELIMITER ;\s
						-- +goose StatementEnd

						select my_func("123") from dual;
						-- +goose Down
						""", List.of("DELIMITER |", "CREATE FUNCTION my_func( str CHAR(255) ) RETURNS CHAR(255) "
						+ "DETERMINISTIC\nBEGIN \n  RETURN \"Dummy Body\"; \nEND |", "DELIMITER ;",
						"select my_func(\"123\") from dual;"), List.of()),
				arguments("copyFromStdin: COPY data lines in a block",
						"\n-- +goose Up\n-- +goose StatementBegin\nCOPY public.content_type (id, app, model) FROM stdin;\n"
								+ "1\tadmin\tlogentry\n2\tauth\tpermission\n\\.\n-- +goose StatementEnd\n",
						List.of("COPY public.content_type (id, app, model) FROM stdin;\n1\tadmin\tlogentry\n"
								+ "2\tauth\tpermission\n\\."),
						List.of()),
				arguments("plpgsqlSyntax: blocks in both sections, Down blocks without ';'", """

						-- +goose Up
						-- +goose StatementBegin
						CREATE OR REPLACE FUNCTION touch_updated_at()
						RETURNS TRIGGER AS $$
						BEGIN
						    NEW.updated_at = now();
						    RETURN NEW;
						END;
						$$ language 'plpgsql';
						-- +goose StatementEnd
						-- +goose StatementBegin
						CREATE TRIGGER touch_items BEFORE UPDATE ON items FOR EACH ROW EXECUTE PROCEDURE touch_updated_at();
						-- +goose StatementEnd

						-- +goose Down
						-- +goose StatementBegin
						DROP TRIGGER touch_items
						-- +goose StatementEnd
						-- +goose StatementBegin
						DROP FUNCTION touch_updated_at()
						-- +goose StatementEnd
						""", List.of("""
						CREATE OR REPLACE FUNCTION touch_updated_at()
						RETURNS TRIGGER AS $$
						BEGIN
						    NEW.updated_at = now();
						    RETURN NEW;
						END;
						$$ language 'plpgsql';""",
						"CREATE TRIGGER touch_items BEFORE UPDATE ON items FOR EACH ROW EXECUTE PROCEDURE touch_updated_at();"),
						List.of("DROP TRIGGER touch_items", "DROP FUNCTION touch_updated_at()")),
				arguments("plpgsqlSyntaxMixedStatements: a block, then a statement over several lines", """
						-- +goose Up
						-- +goose StatementBegin
						CREATE FUNCTION f() RETURNS TRIGGER AS $$
						BEGIN
						    RETURN NEW;
						END;
						$$ language 'plpgsql';
						-- +goose StatementEnd

						CREATE TRIGGER t
						BEFORE UPDATE
						ON items
						FOR EACH ROW EXECUTE PROCEDURE f();

						-- +goose Down
						DROP TRIGGER t;
						DROP FUNCTION f();
						""", List.of("CREATE FUNCTION f() RETURNS TRIGGER AS $$\nBEGIN\n    RETURN NEW;\nEND;\n"
						+ "$$ language 'plpgsql';",
						"CREATE TRIGGER t\nBEFORE UPDATE\nON items\nFOR EACH ROW EXECUTE PROCEDURE f();"),
						List.of("DROP TRIGGER t;", "DROP FUNCTION f();")),
				arguments("commentArrowSQL (goose #699): '-->' inside a string is no comment", """
						-- +goose Up
						CREATE TABLE t1 (c1 int)
						COMMENT='Look at this cool arrow -->';

						CREATE TABLE t2 (c1 int);

						-- +goose Down
						DROP TABLE t2;
						DROP TABLE t1;
						""", List.of("CREATE TABLE t1 (c1 int)\nCOMMENT='Look at this cool arrow -->';",
						"CREATE TABLE t2 (c1 int);"), List.of("DROP TABLE t2;", "DROP TABLE t1;")),
				arguments("valid-up/test01: lower-case annotations, a $tag$ trigger function, a trigger", """
						-- +goose UP
						CREATE TABLE emp (empname text, salary integer);

						-- +goose statementBegin
						CREATE FUNCTION emp_stamp() RETURNS trigger AS $emp_stamp$
						    BEGIN
						        -- a comment; inside the body
						        IF NEW.salary < 0 THEN
						            RAISE EXCEPTION '% cannot have a negative salary', NEW.empname;
						        END IF;
						        RETURN NEW;
						    END;
						$emp_stamp$ LANGUAGE plpgsql;
						-- +goose StatementEnd

						CREATE TRIGGER emp_stamp BEFORE INSERT OR UPDATE ON emp
						    FOR EACH ROW EXECUTE FUNCTION emp_stamp();

						-- +goose Down
						""", List.of("CREATE TABLE emp (empname text, salary integer);", """
						CREATE FUNCTION emp_stamp() RETURNS trigger AS $emp_stamp$
						    BEGIN
						        -- a comment; inside the body
						        IF NEW.salary < 0 THEN
						            RAISE EXCEPTION '% cannot have a negative salary', NEW.empname;
						        END IF;
						        RETURN NEW;
						    END;
						$emp_stamp$ LANGUAGE plpgsql;""", "CREATE TRIGGER emp_stamp BEFORE INSERT OR UPDATE ON emp\n"
						+ "    FOR EACH ROW EXECUTE FUNCTION emp_stamp();"), List.of()),
				arguments("valid-up/test02: one block holding tables, a function and a trigger is one statement", """
						-- +goose Up
						-- +goose StatementBegin
						CREATE TABLE emp (empname text NOT NULL);

						CREATE TABLE emp_audit (op char(1) NOT NULL, empname text NOT NULL);

						CREATE FUNCTION audit() RETURNS TRIGGER AS $audit$
						    BEGIN
						        INSERT INTO emp_audit SELECT 'I', NEW.*;
						        RETURN NULL; -- result is ignored
						    END;
						$audit$ LANGUAGE plpgsql;

						CREATE TRIGGER emp_audit AFTER INSERT ON emp
						    FOR EACH ROW EXECUTE FUNCTION audit();
						-- +goose StatementEnd

						-- +goose Down
						""", List.of("""
						CREATE TABLE emp (empname text NOT NULL);

						CREATE TABLE emp_audit (op char(1) NOT NULL, empname text NOT NULL);

						CREATE FUNCTION audit() RETURNS TRIGGER AS $audit$
						    BEGIN
						        INSERT INTO emp_audit SELECT 'I', NEW.*;
						        RETURN NULL; -- result is ignored
						    END;
						$audit$ LANGUAGE plpgsql;

						CREATE TRIGGER emp_audit AFTER INSERT ON emp
						    FOR EACH ROW EXECUTE FUNCTION audit();"""), List.of()),
				arguments("valid-up/test03: a function body in a single-quoted string with doubled quotes", """
						-- +goose Up
						-- +goose StatementBegin
						CREATE FUNCTION make_finder() RETURNS integer AS '
						DECLARE
						    out varchar(4000);  -- a comment with a ; in it
						BEGIN
						    out := ''CREATE FUNCTION finder(varchar) RETURNS varchar AS ''''
						        BEGIN RETURN $1; END; '''' LANGUAGE ''''plpgsql'''';'';

						-- a line starting like a comment, inside the string

						    EXECUTE out;
						END;
						' LANGUAGE 'plpgsql';
						-- +goose StatementEnd

						-- +goose Down
						""", List.of("""
						CREATE FUNCTION make_finder() RETURNS integer AS '
						DECLARE
						    out varchar(4000);  -- a comment with a ; in it
						BEGIN
						    out := ''CREATE FUNCTION finder(varchar) RETURNS varchar AS ''''
						        BEGIN RETURN $1; END; '''' LANGUAGE ''''plpgsql'''';'';

						-- a line starting like a comment, inside the string

						    EXECUTE out;
						END;
						' LANGUAGE 'plpgsql';"""), List.of()),
				arguments("valid-up/test04: multi-line string literals inside and outside a block", """
						-- +goose Up

						CREATE TABLE keys (id integer NOT NULL, "publicKey" text);

						-- +goose StatementBegin
						INSERT INTO keys (id, "publicKey") VALUES (1, '-----BEGIN RSA PUBLIC KEY-----
						MIIBCgKCAQEAqAo9QORIXMPMa/qv8908Z2sH2+Xa/wITYTJQ2ojTZlgsQiQf85ifw3dgvVZK
						-----END RSA PUBLIC KEY-----
						');
						-- +goose StatementEnd

						INSERT INTO keys (id, "publicKey") VALUES (2, '-----BEGIN OPENSSH PRIVATE KEY-----
						b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABsQAAAAdzc2gtZH
						-----END OPENSSH PRIVATE KEY-----
						');

						-- +goose Down
						""", List.of("CREATE TABLE keys (id integer NOT NULL, \"publicKey\" text);",
						"INSERT INTO keys (id, \"publicKey\") VALUES (1, '-----BEGIN RSA PUBLIC KEY-----\n"
								+ "MIIBCgKCAQEAqAo9QORIXMPMa/qv8908Z2sH2+Xa/wITYTJQ2ojTZlgsQiQf85ifw3dgvVZK\n"
								+ "-----END RSA PUBLIC KEY-----\n');",
						"INSERT INTO keys (id, \"publicKey\") VALUES (2, '-----BEGIN OPENSSH PRIVATE KEY-----\n"
								+ "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABsQAAAAdzc2gtZH\n"
								+ "-----END OPENSSH PRIVATE KEY-----\n');"),
						List.of()),
				// goose: the second statement starts at "CREATE TABLE keys_backup".
				arguments("valid-up/test05: comments inside statements and dangling between them (LEADING COMMENT)", """
						-- +goose Up

						CREATE TABLE keys (
						    id integer NOT NULL
						-- inside, before the parenthesis
						);
						-- dangling

						-- another dangling comment

						CREATE TABLE keys_backup (
						    id integer NOT NULL,
						    -- inside, indented
						    "publicKey" text
						);


						-- +goose Down
						""", List.of("CREATE TABLE keys (\n    id integer NOT NULL\n-- inside, before the parenthesis\n);",
						"-- dangling\n\n-- another dangling comment\n\nCREATE TABLE keys_backup (\n"
								+ "    id integer NOT NULL,\n    -- inside, indented\n    \"publicKey\" text\n);"),
						List.of()),
				// goose: the block starts at "CREATE FUNCTION", without the two comments above it.
				arguments("valid-up/test06: E'' strings with blank and '--' lines, a block with comments around it "
						+ "(LEADING COMMENT)", """
						-- +goose Up

						CREATE TABLE article (id text, content text);

						INSERT INTO article (id, content) VALUES ('a1', E'# A markdown doc

						first paragraph

						-- not a comment
						    -- not an indented comment either

						second paragraph');

						-- +goose StatementBegin



						-- 1 a comment before the function
						  -- 2 an indented one

						CREATE FUNCTION do_something(sql text) RETURNS integer AS $$
						BEGIN
						  -- initiate
						  PERFORM length(sql);

						  RETURN 1;
						END;
						$$ LANGUAGE plpgsql;

						-- 3 a comment after the function


						-- +goose StatementEnd

						INSERT INTO article (id, content)
						VALUES ('a2', '
						blank lines in a string are meaningful.

						keep them.
						');

						-- +goose Down
						TRUNCATE TABLE article;\s
						""", List.of("CREATE TABLE article (id text, content text);",
						"INSERT INTO article (id, content) VALUES ('a1', E'# A markdown doc\n\nfirst paragraph\n\n"
								+ "-- not a comment\n    -- not an indented comment either\n\nsecond paragraph');",
						"-- 1 a comment before the function\n  -- 2 an indented one\n\n"
								+ "CREATE FUNCTION do_something(sql text) RETURNS integer AS $$\nBEGIN\n"
								+ "  -- initiate\n  PERFORM length(sql);\n\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\n\n"
								+ "-- 3 a comment after the function",
						"INSERT INTO article (id, content)\nVALUES ('a2', '\nblank lines in a string are meaningful.\n\n"
								+ "keep them.\n');"),
						List.of("TRUNCATE TABLE article;")),
				arguments("valid-up/test07: a whitespace-only line before Up, blocks in both sections", """
						   \s
						-- +goose Up
						-- +goose StatementBegin
						CREATE INDEX ON public.users (user_id);
						-- +goose StatementEnd

						-- +goose Down
						-- +goose StatementBegin
						DROP INDEX IF EXISTS users_user_id_idx;
						-- +goose StatementEnd
						""", List.of("CREATE INDEX ON public.users (user_id);"),
						List.of("DROP INDEX IF EXISTS users_user_id_idx;")),
				arguments("valid-up/test08: MySQL backticks and /*! executable comments */ as statements", """
						-- +goose Up

						CREATE TABLE `table_a` (
						    `column_1` DATETIME DEFAULT NOW()
						) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

						/*!80031 ALTER TABLE `table_a` MODIFY `column_1` TEXT NOT NULL */;
						/*!80033 ALTER TABLE `table_a` MODIFY `column_2` TEXT NOT NULL */;
						""", List.of("CREATE TABLE `table_a` (\n    `column_1` DATETIME DEFAULT NOW()\n) ENGINE = InnoDB "
						+ "DEFAULT CHARSET = utf8mb4;", "/*!80031 ALTER TABLE `table_a` MODIFY `column_1` TEXT NOT NULL */;",
						"/*!80033 ALTER TABLE `table_a` MODIFY `column_2` TEXT NOT NULL */;"), List.of()),
				arguments("valid-up/test09: a block whose last statement has no ';' but a comment", """
						-- +goose Up
						-- +goose StatementBegin
						create table t ( id int );
						update rows set value = now() -- no semicolon: valid inside a block
						-- +goose StatementEnd

						-- +goose Down
						DROP TABLE IF EXISTS t;
						""", List.of("create table t ( id int );\nupdate rows set value = now() -- no semicolon: valid "
						+ "inside a block"), List.of("DROP TABLE IF EXISTS t;")));
	}

	@ParameterizedTest(name = "[{0}] ends the statement: {1}")
	@MethodSource("semicolons")
	void endsAStatementWhereGooseSeesASemicolonAtTheEndOfTheLine(String line, boolean ends) {
		// NO TRANSACTION: a bare END at the top level would be refused as transaction control.
		List<String> statements = ParsedScripts
			.sqlOf(parseGoose("-- +goose NO TRANSACTION\n-- +goose Up\n" + line + "\nSELECT 2;\n"));
		if (ends) {
			assertThat(statements).hasSize(2).last().isEqualTo("SELECT 2;");
		}
		else {
			assertThat(statements).containsExactly(line + "\nSELECT 2;");
		}
	}

	/**
	 * goose's TestSemicolons, a line at a time.
	 */
	static Stream<Arguments> semicolons() {
		return Stream.of(arguments("END;", true), arguments("END; -- comment", true),
				arguments("END   ; -- comment", true), arguments("END -- comment", false),
				arguments("END -- comment ;", false), arguments("END \" ; \" -- comment", false),
				arguments("COMMENT='Look at this cool arrow -->';", true),
				arguments("COMMENT='Look at this cool arrow -->'; -- trailing", true),
				arguments("SELECT '-- not a comment';", true), arguments("COMMENT=\"arrow -->\";", true),
				arguments("COMMENT=`arrow -->`;", true));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidFiles")
	void refusesWhatGooseRefuses(String gooseCase, String file, String messageStart) {
		assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> parseGoose(file))
			.withMessageStartingWith(messageStart);
	}

	static Stream<Arguments> invalidFiles() {
		String name = ParsedScripts.SOURCE;
		return Stream.of(
				arguments("invalid/up/a: last Up statement without ';' before Down",
						"-- +goose Up\nSELECT * FROM foo;\nSELECT * FROM bar\n-- +goose Down\nSELECT * FROM baz;\n",
						name + ":3: statement 2 of the Up section does not end with ';'"),
				arguments("invalid/up/b: only Up statement without ';' before Down",
						"-- +goose Up\nSELECT * FROM bar\n-- +goose Down\nSELECT * FROM baz;\n",
						name + ":2: statement 1 of the Up section does not end with ';'"),
				arguments("invalid/up/c: Up statement without ';' before an empty Down",
						"-- +goose Up\nSELECT * FROM bar\n-- +goose Down\n",
						name + ":2: statement 1 of the Up section does not end with ';'"),
				arguments("invalid/up/d: last statement of the file without ';'", "-- +goose Up\nSELECT * FROM bar\n",
						name + ":2: statement 1 of the Up section does not end with ';'"),
				arguments("statementBeginNoStatementEnd", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n"
						+ "\n-- +goose Down\nSELECT 2;\n",
						name + ":5: '-- +goose Down' inside the StatementBegin block opened at line 2"),
				arguments("unfinishedSQL", "\n-- +goose Up\nALTER TABLE post\n\n-- +goose Down\n",
						name + ":3: statement 1 of the Up section does not end with ';'"),
				arguments("noUpDownAnnotations", "\nCREATE TABLE post (\n    id int\n);\n",
						name + ":2: SQL before '-- +goose Up'"),
				arguments("multiUpDown", "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n-- +goose Up\nSELECT 3;\n",
						name + ":5: second '-- +goose Up' (the first is at line 1)"),
				arguments("downFirst", "-- +goose Down\nDROP TABLE fancier_post;\n",
						name + ":1: '-- +goose Down' before '-- +goose Up'"),
				arguments("extractAnnotation: two +goose markers", "-- +goose Up\n-- +goose +goose Up\n",
						name + ":2: unknown annotation '-- +goose +goose Up'"),
				arguments("TestEnvsubError: ${VAR?message} with VAR unset", """
						-- +goose ENVSUB ON
						-- +goose Up
						CREATE TABLE post (
						    id int NOT NULL,
						    ${SOME_UNSET_VAR?required env var not set} text
						);
						""", name + ":5: ENVSUB variable SOME_UNSET_VAR is not set: required env var not set"));
	}

	@Test
	void useTransactionsIsFalseOnlyForNoTransactionFiles() {
		SqlScriptParser plain = ParsedScripts.goose("-- +goose Up\nCREATE TABLE users (id int);\n", Map.of());
		SqlScriptParser noTransaction = ParsedScripts.goose("""
				-- +goose NO TRANSACTION
				-- +goose Up
				CREATE INDEX CONCURRENTLY users_id ON users (id);
				""", Map.of());
		ParsedScripts.parse(plain);
		ParsedScripts.parse(noTransaction);
		assertThat(plain.noTransaction()).isFalse();
		assertThat(noTransaction.noTransaction()).isTrue();
	}

	@Test
	void envsubTest01SubstitutesBothSectionsWhenSwitchedOnAboveUp() {
		List<SqlStatement> statements = parseGoose("""
				-- +goose ENVSUB ON
				-- +goose Up
				CREATE TABLE ${REGION}post (id int);
				-- +goose Down
				DROP TABLE ${REGION}post;
				""", Map.of("REGION", "us_east_"));
		assertThat(ParsedScripts.sqlOf(statements)).containsExactly("CREATE TABLE us_east_post (id int);",
				"DROP TABLE us_east_post;");
	}

	@Test
	void envsubTest02SwitchesOnAndOffAlsoInsideADollarQuotedBodyOfABlock() {
		List<SqlStatement> statements = parseGoose("""
				-- +goose Up

				-- +goose ENVSUB ON
				CREATE TABLE post (
				    $NAME text,
				    ${NAME}title3 text,
				    ${ANOTHER_VAR:-default}title4 text,
				    ${SET_BUT_EMPTY-default}title5 text
				);
				-- +goose ENVSUB OFF

				CREATE TABLE post2 (${NAME}title3 text);

				-- +goose StatementBegin
				CREATE OR REPLACE FUNCTION test_func()
				RETURNS void AS $$
				-- +goose ENVSUB ON
				BEGIN
				    RAISE NOTICE '${NAME} \\$NAME \\$NAME';
				END;
				-- +goose ENVSUB OFF
				$$ LANGUAGE plpgsql;
				-- +goose StatementEnd
				""", Map.of("NAME", "foo", "SET_BUT_EMPTY", ""));
		assertThat(ParsedScripts.sqlOf(statements)).containsExactly(
				"CREATE TABLE post (\n    foo text,\n    footitle3 text,\n    defaulttitle4 text,\n    title5 text\n);",
				"CREATE TABLE post2 (${NAME}title3 text);", """
						CREATE OR REPLACE FUNCTION test_func()
						RETURNS void AS $$
						BEGIN
						    RAISE NOTICE 'foo $NAME $NAME';
						END;
						$$ LANGUAGE plpgsql;""");
	}

	@Test
	void envsubTest03LeavesReferencesAloneWithoutEnvsub() {
		String statement = "CREATE TABLE post (\n    $NAME text,\n    ${NAME}title3 text,\n"
				+ "    ${ANOTHER_VAR:-default}title4 text\n);";
		assertThat(ParsedScripts.sqlOf(parseGoose("-- +goose Up\n" + statement + "\n", Map.of("NAME", "foo"))))
			.containsExactly(statement);
	}

	/**
	 * Where migrator accepts or keeps what goose refuses or rewrites: documented in the
	 * README's goose compatibility section.
	 */
	@Test
	void deliberateDifferencesFromGoose() {
		// A ';' in the middle of a line ends a statement; goose sends "SELECT 1; SELECT 2;"
		// as one query.
		assertThat(ParsedScripts.sqlOf(parseGoose("-- +goose Up\nSELECT 1; SELECT 2;\n"))).containsExactly("SELECT 1;",
				"SELECT 2;");
		// Under ENVSUB goose turns $$ into $ (breaking DO $$ ... $$), refuses $1 and reads
		// $tag$ as the variable "tag"; here they stay as written.
		assertThat(ParsedScripts.sqlOf(parseGoose("""
				-- +goose Up
				-- +goose ENVSUB ON
				DO $$ BEGIN PERFORM 1; END $$;
				PREPARE p AS SELECT $1 || '${NAME}';
				CREATE FUNCTION g() RETURNS text AS $body$ SELECT 'x' $body$ LANGUAGE sql;
				""", Map.of("NAME", "foo")))).containsExactly("DO $$ BEGIN PERFORM 1; END $$;",
						"PREPARE p AS SELECT $1 || 'foo';",
						"CREATE FUNCTION g() RETURNS text AS $body$ SELECT 'x' $body$ LANGUAGE sql;");
		// goose refuses an annotation with leading whitespace and a file starting with a
		// UTF-8 byte order mark (it reads the mark as SQL before Up).
		assertThat(ParsedScripts.sqlOf(parseGoose("\uFEFF  -- +goose Up\nSELECT 1;\n\t-- +goose Down\nSELECT 2;\n")))
			.containsExactly("SELECT 1;", "SELECT 2;");
	}

	private static List<String> sql(List<SqlStatement> statements, Direction direction) {
		return statements.stream().filter((statement) -> statement.direction() == direction).map(SqlStatement::sql).toList();
	}

}
