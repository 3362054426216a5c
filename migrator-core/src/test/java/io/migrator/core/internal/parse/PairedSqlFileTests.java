package io.migrator.core.internal.parse;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.migrator.core.Direction;

import static io.migrator.core.internal.parse.ParsedScripts.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * golang-migrate's paired files: the whole file is one direction.
 */
class PairedSqlFileTests {

	private static final String UP_FILE = """
			-- +goose NO TRANSACTION
			CREATE TABLE users (id int);
			-- +goose StatementBegin
			CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;
			SELECT f()
			-- +goose StatementEnd
			CREATE INDEX CONCURRENTLY users_id ON users (id);
			""";

	@Test
	void readsAnUpFileAsUpStatements() {
		SqlScriptParser parser = parser("00002_users.up.sql", UP_FILE, Direction.UP);
		List<SqlStatement> statements = parse(parser);
		assertThat(statements).extracting(SqlStatement::direction, SqlStatement::number, SqlStatement::line)
			.containsExactly(tuple(Direction.UP, 1, 2), tuple(Direction.UP, 2, 4), tuple(Direction.UP, 3, 7));
		assertThat(statements.get(1).sql())
			.isEqualTo("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\nSELECT f()");
		assertThat(parser.noTransaction()).isTrue();
		assertThat(parser.hasDownSection()).isFalse();
	}

	@Test
	void readsADownFileAsDownStatements() {
		SqlScriptParser parser = parser("00002_users.down.sql", "DROP INDEX users_id;\nDROP TABLE users;\n",
				Direction.DOWN);
		assertThat(parse(parser)).extracting(SqlStatement::direction, SqlStatement::sql)
			.containsExactly(tuple(Direction.DOWN, "DROP INDEX users_id;"), tuple(Direction.DOWN, "DROP TABLE users;"));
		assertThat(parser.noTransaction()).isFalse();
		assertThat(parser.hasDownSection()).isTrue();
	}

	@Test
	void acceptsAnEmptyPairedFile() {
		assertThat(parse(parser("00002_users.down.sql", "-- nothing to undo\n", Direction.DOWN))).isEmpty();
	}

	private static SqlScriptParser parser(String source, String text, Direction direction) {
		return new SqlScriptParser(source, new StringReader(text), SqlScriptFormat.PLAIN, direction, (name) -> null);
	}

}
