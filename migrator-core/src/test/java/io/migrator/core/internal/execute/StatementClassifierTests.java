package io.migrator.core.internal.execute;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StatementClassifierTests {

	static Stream<Arguments> statements() {
		return Stream.of(
				// Commands that never return rows travel in the batch.
				arguments("CREATE TABLE t (id int)", true),
				arguments("create index on t (id)", true),
				arguments("ALTER TABLE t ADD COLUMN c text", true),
				arguments("DROP TABLE t", true),
				arguments("COMMENT ON TABLE t IS 'returning rows'", true),
				arguments("GRANT SELECT ON t TO PUBLIC", true),
				arguments("REVOKE SELECT ON t FROM PUBLIC", true),
				arguments("TRUNCATE t", true),
				arguments("SET search_path = public", true),
				arguments("DO $$BEGIN PERFORM 1; END$$", true),
				arguments("CREATE TABLE t2 AS SELECT ins(g) FROM generate_series(1, 5) g", true),
				// Data changes without RETURNING run to completion in a batch.
				arguments("INSERT INTO t VALUES (1)", true),
				arguments("INSERT INTO t SELECT ins(g) FROM generate_series(1, 5) g", true),
				arguments("UPDATE t SET c = 'x'", true),
				arguments("DELETE FROM t", true),
				arguments("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", true),
				// RETURNING only counts outside quotes and comments.
				arguments("INSERT INTO t (c) VALUES ('returning')", true),
				arguments("INSERT INTO t (c) VALUES (E'it\\'s returning')", true),
				arguments("INSERT INTO t (\"returning\") VALUES (1)", true),
				arguments("INSERT INTO t VALUES (1) -- returning id\n", true),
				arguments("INSERT INTO t VALUES (1) /* returning /* nested */ id */", true),
				arguments("INSERT INTO t (c) VALUES ($q$ returning $q$)", true),
				arguments("UPDATE t SET returning_count = 1", true),
				arguments("INSERT INTO t VALUES (1) RETURNING id", false),
				arguments("update t set c = 'x' returning *", false),
				arguments("DELETE FROM t\nRETURNING\tid", false),
				arguments("INSERT INTO t VALUES ($1) RETURNING id", false),
				// Leading comments, whitespace and parentheses are skipped.
				arguments("-- the users\nCREATE TABLE users (id int)", true),
				arguments("/* a /* nested */ note */ CREATE TABLE users (id int)", true),
				arguments("  \n\t(SELECT 1) UNION (SELECT 2)", false),
				// Everything that may return rows, and anything unknown, runs on its own.
				arguments("SELECT ins(g) FROM generate_series(1, 5) g", false),
				arguments("select 1", false),
				arguments("-- create table in a comment\nSELECT 1", false),
				arguments("WITH moved AS (DELETE FROM t RETURNING *) INSERT INTO u SELECT * FROM moved", false),
				arguments("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", false),
				arguments("VALUES (1), (2)", false),
				arguments("TABLE t", false),
				arguments("CALL refresh_all()", false),
				arguments("EXECUTE plan(1)", false),
				arguments("SHOW search_path", false),
				arguments("EXPLAIN ANALYZE SELECT 1", false),
				arguments("FETCH ALL FROM c", false),
				arguments("COPY t FROM STDIN", false),
				arguments("SOMETHING NEW", false),
				arguments("", false),
				arguments("-- only a comment\n", false));
	}

	@ParameterizedTest(name = "[{index}] {0} -> batchable {1}")
	@MethodSource("statements")
	void batchesOnlyStatementsThatCannotReturnRows(String sql, boolean batchable) {
		assertThat(StatementClassifier.batchable(sql)).isEqualTo(batchable);
	}

}
