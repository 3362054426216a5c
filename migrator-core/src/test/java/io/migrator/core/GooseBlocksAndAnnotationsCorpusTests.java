package io.migrator.core;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * goose directories shaped like public ones that rely on goose sending a block as one
 * query, on statements that return rows, and on annotations anywhere in a file (issue 10
 * rules 1 to 6). Each is applied through {@code up}, checked in the database and undone to
 * version 0.
 */
class GooseBlocksAndAnnotationsCorpusTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	/**
	 * Blocks holding several statements (a table and its trigger, two extensions, 67
	 * statements of seed data), a block that ends with a comment after its last
	 * {@code ;}, and goose's generated {@code SELECT 'up SQL query';} placeholder, which
	 * returns a row, in transactional files.
	 */
	@Test
	void blocksWithSeveralStatementsRunAsOneQueryInTheMigrationsTransaction() {
		Migrator migrator = corpus("shop-multi-statement-blocks").build();
		List<String> before = this.fixture.schemaShape();
		assertThat(migrator.up().migrations()).hasSize(6);
		assertThat(this.fixture.query("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"))
			.containsExactly("customers_touch", "orders_touch");
		assertThat(this.fixture.query("SELECT extname FROM pg_extension WHERE extname IN ('pgcrypto', 'uuid-ossp') "
				+ "ORDER BY 1"))
			.containsExactly("pgcrypto", "uuid-ossp");
		assertThat(this.fixture.query("SELECT count(*) || ':' || max(position) FROM order_statuses"))
			.containsExactly("66:66");
		migrator.downTo(0);
		assertThat(this.fixture.schemaShape()).isEqualTo(before);
		assertThat(this.fixture.query("SELECT extname FROM pg_extension WHERE extname IN ('pgcrypto', 'uuid-ossp')"))
			.isEmpty();
	}

	/**
	 * {@code SELECT create_month_partition(d) FROM generate_series(...)}: the function is
	 * called once per row, as psql and goose call it, so every month gets its partition.
	 */
	@Test
	void aStatementReturningRowsCallsItsFunctionForEveryRow() {
		Migrator migrator = corpus("monthly-partitions").build();
		migrator.up();
		assertThat(this.fixture.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
				+ "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'events' ORDER BY 1"))
			.containsExactly("events_2026_01", "events_2026_02", "events_2026_03", "events_2026_04",
					"events_2026_05");
		migrator.downTo(0);
		assertThat(this.fixture.tableExists("events")).isFalse();
	}

	/**
	 * NO TRANSACTION inside a block, StatementBegin in the middle of a statement, CRLF line
	 * endings with a multi-line string, and ENVSUB inside a block and a dollar-quoted body
	 * with goose's {@code ${A:-${B}}} and {@code ${V:0:3}} forms, while {@code $$} and
	 * {@code $1} stay intact.
	 */
	@Test
	void annotationsAnywhereBehaveAsInGoose() {
		Migrator migrator = corpus("annotations-anywhere").variable("APP_NAME", "shop")
			.variable("DEFAULT_REGION", "eu")
			.variable("REGION_NAME", "europe")
			.build();
		List<String> before = this.fixture.schemaShape();
		migrator.up();
		assertThat(this.fixture.query("SELECT indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
				+ "WHERE c.relname = 'notes_author_idx'"))
			.containsExactly("t");
		assertThat(this.fixture.query("SELECT note_count()")).containsExactly("1");
		assertThat(this.fixture.query("SELECT body FROM notes WHERE id = 1")).containsExactly("first line\nsecond line");
		assertThat(this.fixture.query("SELECT obj_description('notes'::regclass)")).containsExactly("shop in eu");
		assertThat(this.fixture.query("SELECT region_code() || ':' || first_arg('kept')")).containsExactly("eur:kept");
		migrator.downTo(0);
		assertThat(this.fixture.schemaShape()).isEqualTo(before);
	}

	private MigratorBuilder corpus(String directory) {
		return this.fixture.builder().locations("classpath:goose-corpus/" + directory);
	}

}
