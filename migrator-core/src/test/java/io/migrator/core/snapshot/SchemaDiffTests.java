package io.migrator.core.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every kind of difference, made by hand with SQL in one of two schemas built from the
 * same DDL, is reported as exactly that difference.
 */
@FreshDatabase
class SchemaDiffTests {

	private static final String BASE = """
			CREATE TYPE status AS ENUM ('new', 'done');
			CREATE DOMAIN code AS text CHECK (length(VALUE) = 3);
			CREATE SEQUENCE tickets;
			CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, qty int DEFAULT 1, state status, tag code);
			CREATE TABLE parts (id int PRIMARY KEY, item_id int REFERENCES items);
			CREATE INDEX items_name ON items (name);
			CREATE VIEW item_parts AS SELECT i.id, p.id AS part FROM items i JOIN parts p ON p.item_id = i.id;
			CREATE MATERIALIZED VIEW item_count AS SELECT count(*) AS n FROM items i;
			CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
			CREATE TRIGGER items_stamp BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION stamp();
			CREATE PROCEDURE clean() LANGUAGE sql AS 'DELETE FROM items WHERE false';
			""";

	/**
	 * The view's definition as PostgreSQL deparses it. It joins two tables: a view over one
	 * table is deparsed with qualified columns before PostgreSQL 16 and without after.
	 */
	private static final String ITEM_PARTS = "SELECT i.id,\n    p.id AS part\n   FROM items i\n"
			+ "     JOIN parts p ON p.item_id = i.id;";

	private static final AtomicInteger schemas = new AtomicInteger();

	private final TestDatabase database;

	SchemaDiffTests(TestDatabase database) {
		this.database = database;
	}

	record Case(String name, String change, SnapshotOptions options, String expected) {

		Case(String name, String change, String expected) {
			this(name, change, SnapshotOptions.defaults(), expected);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Case> handMadeDifferences() {
		return Stream.of(
				new Case("table added", "CREATE TABLE notes (id int)", """
						+ table notes
						+ column notes.id: integer
						"""),
				new Case("column dropped", "ALTER TABLE items DROP COLUMN tag", """
						- column items.tag: code
						"""),
				new Case("default changed", "ALTER TABLE items ALTER qty SET DEFAULT 2", """
						~ column items.qty
						    expected: integer default 1
						    actual:   integer default 2
						"""),
				new Case("nullability changed", "ALTER TABLE items ALTER name DROP NOT NULL", """
						~ column items.name
						    expected: text not null
						    actual:   text
						"""),
				new Case("type changed", "ALTER TABLE items ALTER qty TYPE bigint", """
						~ column items.qty
						    expected: integer default 1
						    actual:   bigint default 1
						"""),
				new Case("collation changed", "ALTER TABLE items ALTER name TYPE text COLLATE \"C\"", """
						~ column items.name
						    expected: text not null
						    actual:   text collate "C" not null
						"""),
				new Case("identity added", "ALTER TABLE items ALTER id ADD GENERATED ALWAYS AS IDENTITY", """
						~ column items.id
						    expected: integer not null
						    actual:   integer not null generated always as identity
						"""),
				new Case("comment added", "COMMENT ON COLUMN items.name IS 'shown to users'", """
						~ column items.name
						    expected: text not null
						    actual:   text not null comment 'shown to users'
						"""),
				new Case("check constraint added", "ALTER TABLE items ADD CONSTRAINT qty_positive CHECK (qty > 0)", """
						+ constraint items.qty_positive: CHECK (qty > 0)
						"""),
				new Case("foreign key dropped", "ALTER TABLE parts DROP CONSTRAINT parts_item_id_fkey", """
						- constraint parts.parts_item_id_fkey: FOREIGN KEY (item_id) REFERENCES items(id)
						"""),
				new Case("primary key changed", "ALTER TABLE parts DROP CONSTRAINT parts_pkey;"
						+ " ALTER TABLE parts ADD CONSTRAINT parts_pkey PRIMARY KEY (id, item_id)", """
						~ column parts.item_id
						    expected: integer
						    actual:   integer not null
						~ constraint parts.parts_pkey
						    expected: PRIMARY KEY (id)
						    actual:   PRIMARY KEY (id, item_id)
						"""),
				new Case("index dropped", "DROP INDEX items_name", """
						- index items_name: CREATE INDEX items_name ON items USING btree (name)
						"""),
				new Case("index added", "CREATE INDEX items_qty ON items (qty DESC)", """
						+ index items_qty: CREATE INDEX items_qty ON items USING btree (qty DESC)
						"""),
				new Case("view changed", "CREATE OR REPLACE VIEW item_parts AS SELECT i.id, p.id AS part FROM items i"
						+ " JOIN parts p ON p.item_id = i.id WHERE i.qty > 1",
						"~ view item_parts\n    expected: " + ITEM_PARTS.replace("\n", "\n      ") + "\n    actual:   "
								+ ITEM_PARTS.replace("\n", "\n      ").replace(";", "\n        WHERE i.qty > 1;") + "\n"),
				new Case("materialized view dropped", "DROP MATERIALIZED VIEW item_count", """
						- materialized view item_count: SELECT count(*) AS n
						       FROM items i;
						"""),
				new Case("function body changed",
						"CREATE OR REPLACE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$",
						"~ function stamp()\n    expected: returns trigger language plpgsql volatile body "
								+ SnapshotReader.bodyHash("BEGIN RETURN NEW; END")
								+ "\n    actual:   returns trigger language plpgsql volatile body "
								+ SnapshotReader.bodyHash("BEGIN RETURN NULL; END") + "\n"),
				new Case("function made security definer", "ALTER FUNCTION stamp() SECURITY DEFINER", "~ function stamp()\n"
						+ "    expected: returns trigger language plpgsql volatile body "
						+ SnapshotReader.bodyHash("BEGIN RETURN NEW; END") + "\n"
						+ "    actual:   returns trigger language plpgsql volatile security definer body "
						+ SnapshotReader.bodyHash("BEGIN RETURN NEW; END") + "\n"),
				new Case("procedure added", "CREATE PROCEDURE purge(days int) LANGUAGE sql AS 'SELECT 1'",
						"+ procedure purge(IN days integer): language sql body " + SnapshotReader.bodyHash("SELECT 1")
								+ "\n"),
				new Case("trigger dropped", "DROP TRIGGER items_stamp ON items", """
						- trigger items.items_stamp: CREATE TRIGGER items_stamp BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION stamp()
						"""),
				new Case("trigger disabled", "ALTER TABLE items DISABLE TRIGGER items_stamp", """
						~ trigger items.items_stamp
						    expected: CREATE TRIGGER items_stamp BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION stamp()
						    actual:   CREATE TRIGGER items_stamp BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION stamp() disabled
						"""),
				new Case("enum label added", "ALTER TYPE status ADD VALUE 'late' BEFORE 'done'", """
						~ enum status
						    expected: ('new', 'done')
						    actual:   ('new', 'late', 'done')
						"""),
				new Case("domain constraint added", "ALTER DOMAIN code ADD CONSTRAINT code_upper CHECK (VALUE = upper(VALUE))",
						"""
						~ domain code
						    expected: text constraint code_check CHECK (length(VALUE) = 3)
						    actual:   text constraint code_check CHECK (length(VALUE) = 3) constraint code_upper CHECK (VALUE = upper(VALUE))
						"""),
				new Case("sequence changed", "ALTER SEQUENCE tickets INCREMENT 5", """
						~ sequence tickets
						    expected: bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1
						    actual:   bigint start 1 increment 5 min 1 max 9223372036854775807 cache 1
						"""),
				new Case("table made unlogged", "ALTER TABLE parts DROP CONSTRAINT parts_item_id_fkey;"
						+ " ALTER TABLE parts SET UNLOGGED", """
						~ table parts
						    expected:\s
						    actual:   unlogged
						- constraint parts.parts_item_id_fkey: FOREIGN KEY (item_id) REFERENCES items(id)
						"""),
				new Case("extension added", "CREATE EXTENSION hstore SCHEMA %1$s", """
						+ extension hstore: version 1.8
						"""),
				new Case("schema comment added", "COMMENT ON SCHEMA %1$s IS 'live'", """
						~ schema
						    expected:\s
						    actual:   comment 'live'
						"""),
				new Case("grant added, compared when asked for", "GRANT SELECT ON item_parts TO PUBLIC",
						SnapshotOptions.defaults().withGrants(true),
						"~ view item_parts\n    expected: " + ITEM_PARTS.replace("\n", "\n      ") + "\n    actual:   "
								+ ITEM_PARTS.replace("\n", "\n      ") + " grants {"),
				new Case("grant added, ignored by default", "GRANT SELECT ON item_parts TO PUBLIC", ""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("handMadeDifferences")
	void reportsADifferenceMadeByHand(Case difference) throws SQLException {
		int number = schemas.incrementAndGet();
		String expectedSchema = "expected_" + number;
		String actualSchema = "actual_" + number;
		SchemaFixtures.create(this.database, expectedSchema, BASE);
		SchemaFixtures.create(this.database, actualSchema, BASE);
		execute(actualSchema, difference.change().formatted(actualSchema));
		SchemaDiff diff = SchemaDiff.between(read(expectedSchema, difference.options()),
				read(actualSchema, difference.options()));
		String text = diff.differences().stream().map(SchemaDifference::toText).collect(Collectors.joining());
		assertThat(text).startsWith(difference.expected());
		assertThat(diff.isEmpty()).isEqualTo(difference.expected().isEmpty());
	}

	@Test
	void anIndexLeftInvalidByAFailedConcurrentBuildIsReported() throws SQLException {
		SchemaFixtures.create(this.database, "invalid_expected", BASE);
		SchemaFixtures.create(this.database, "invalid_actual", BASE);
		execute("invalid_actual", "INSERT INTO items (id, name) VALUES (1, 'same'), (2, 'same')");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> execute("invalid_actual", "CREATE UNIQUE INDEX CONCURRENTLY items_unique ON items (name)"));
		SchemaDiff diff = SchemaDiff.between(read("invalid_expected", SnapshotOptions.defaults()),
				read("invalid_actual", SnapshotOptions.defaults()));
		assertThat(diff.differences()).singleElement().satisfies((difference) -> assertThat(difference.toText())
			.isEqualTo("+ index items_unique: CREATE UNIQUE INDEX items_unique ON items USING btree (name) INVALID\n"));
	}

	@Test
	void textAndJsonSayWhatDiffers() throws SQLException {
		SchemaFixtures.create(this.database, "text_expected", "CREATE TABLE t (a int DEFAULT 1, b text)");
		SchemaFixtures.create(this.database, "text_actual", "CREATE TABLE t (a int DEFAULT 2, c text)");
		SchemaDiff diff = SchemaDiff.between(read("text_expected", SnapshotOptions.defaults()),
				read("text_actual", SnapshotOptions.defaults()));
		assertThat(diff.differences()).extracting(SchemaDifference::change)
			.containsExactly(SchemaDifference.Change.CHANGED, SchemaDifference.Change.REMOVED,
					SchemaDifference.Change.ADDED);
		assertThat(diff.toText()).isEqualTo("""
				Schema 'text_actual' differs from 'text_expected' in 3 objects (+ only in 'text_actual', - missing from it, ~ changed):
				~ column t.a
				    expected: integer default 1
				    actual:   integer default 2
				- column t.b: text
				+ column t.c: text
				""");
		assertThat(diff.toJson()).isEqualTo("{\"expectedSchema\":\"text_expected\",\"actualSchema\":\"text_actual\","
				+ "\"differences\":[{\"kind\":\"column\",\"name\":\"t.a\",\"change\":\"CHANGED\","
				+ "\"expected\":\"integer default 1\",\"actual\":\"integer default 2\"},"
				+ "{\"kind\":\"column\",\"name\":\"t.b\",\"change\":\"REMOVED\",\"expected\":\"text\",\"actual\":null},"
				+ "{\"kind\":\"column\",\"name\":\"t.c\",\"change\":\"ADDED\",\"expected\":null,\"actual\":\"text\"}]}");
	}

	private SchemaSnapshot read(String schema, SnapshotOptions options) throws SQLException {
		try (Connection connection = this.database.connect()) {
			return SchemaSnapshot.read(connection, schema, options);
		}
	}

	private void execute(String schema, String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("SET search_path = " + schema);
			statement.execute(sql);
		}
	}


}
