package io.migrator.core.snapshot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@FreshDatabase
class SchemaSnapshotTests {

	private final TestDatabase database;

	SchemaSnapshotTests(TestDatabase database) {
		this.database = database;
	}

	@Test
	void seesEveryKindOfObject() throws SQLException {
		SchemaFixtures.create(this.database, "every_kind", SchemaFixtures.EVERY_KIND);
		execute("SET search_path = every_kind; CREATE EXTENSION citext SCHEMA every_kind");
		SchemaSnapshot snapshot = read("every_kind", SnapshotOptions.defaults());
		assertThat(snapshot.toText().lines().filter((line) -> !line.startsWith(" ") && !line.contains("view "))
			.map((line) -> line + "\n")
			.collect(Collectors.joining())).isEqualTo(SchemaFixtures.EVERY_KIND_TEXT_WITHOUT_VIEWS);
		assertThat(snapshot.find(ObjectKind.VIEW, "big_orders")).hasValueSatisfying((view) -> assertThat(
				view.definition()).containsSubsequence("FROM orders o", "JOIN customers c ON c.id = o.customer_id",
						"WHERE o.quantity > 10"));
		assertThat(snapshot.find(ObjectKind.MATERIALIZED_VIEW, "order_counts")).hasValueSatisfying(
				(view) -> assertThat(view.definition()).contains("count(*) AS orders").contains("GROUP BY"));
	}

	@Test
	void anIdenticalSchemaUnderAnotherNameGivesAnEmptyDiff() throws SQLException {
		SchemaFixtures.create(this.database, "identical_live", SchemaFixtures.EVERY_KIND);
		SchemaFixtures.create(this.database, "identical_scratch_1234", SchemaFixtures.EVERY_KIND);
		SchemaSnapshot live = read("identical_live", SnapshotOptions.defaults().withOwners(true).withGrants(true));
		SchemaSnapshot scratch = read("identical_scratch_1234",
				SnapshotOptions.defaults().withOwners(true).withGrants(true));
		SchemaDiff diff = SchemaDiff.between(scratch, live);
		assertThat(diff.differences()).isEmpty();
		assertThat(diff.toText()).isEqualTo("Schema 'identical_live' matches 'identical_scratch_1234'.\n");
		assertThat(live.toText()).isEqualTo(scratch.toText());
	}

	@Test
	void readingTwiceGivesTheSameTextAndJson() throws SQLException {
		SchemaFixtures.create(this.database, "stable", SchemaFixtures.EVERY_KIND);
		SchemaSnapshot first = read("stable", SnapshotOptions.defaults());
		SchemaSnapshot second = read("stable", SnapshotOptions.defaults());
		assertThat(second.toText()).isEqualTo(first.toText());
		assertThat(second.toJson()).isEqualTo(first.toJson());
		assertThat(first.objects()).isSortedAccordingTo(SchemaObject.ORDER);
		assertThat(first.toJson()).startsWith("{\"schema\":\"stable\",\"objects\":[{\"kind\":\"schema\",\"name\":\"\","
				+ "\"definition\":\"comment 'every kind of object'\"},{\"kind\":\"enum\",\"name\":\"mood\","
				+ "\"definition\":\"('sad', 'ok', 'happy')\"},");
	}

	@Test
	void excludedTablesAreLeftOutWithEverythingThatBelongsToThem() throws SQLException {
		SchemaFixtures.create(this.database, "excluded", "CREATE TABLE migrator_history (id serial PRIMARY KEY,"
				+ " version bigint UNIQUE CHECK (version > 0));"
				+ " CREATE INDEX migrator_history_applied ON migrator_history (id, version);"
				+ " CREATE TABLE kept (id int);");
		SchemaSnapshot snapshot = read("excluded", SnapshotOptions.defaults().excludingTables("migrator_history"));
		assertThat(snapshot.toText()).isEqualTo("schema\ntable kept\ncolumn kept.id: integer\n");
	}

	@Test
	void ownersAndGrantsAreComparedOnlyWhenAskedFor() throws SQLException {
		SchemaFixtures.create(this.database, "grants", "CREATE TABLE t (id int)");
		execute("GRANT SELECT ON grants.t TO PUBLIC");
		assertThat(read("grants", SnapshotOptions.defaults()).find(ObjectKind.TABLE, "t"))
			.hasValueSatisfying((table) -> assertThat(table.definition()).isEmpty());
		assertThat(read("grants", SnapshotOptions.defaults().withOwners(true).withGrants(true))
			.find(ObjectKind.TABLE, "t"))
			.hasValueSatisfying((table) -> assertThat(table.definition()).matches("owner \\S+ grants \\{.*=r/.*}"));
	}

	@Test
	void namesAreQuotedWhereSqlNeedsItSoKeysStayUnambiguous() throws SQLException {
		SchemaFixtures.create(this.database, "\"Shop Floor\"", """
				CREATE TABLE "Order Lines" (id int PRIMARY KEY, "Qty" int);
				CREATE TABLE "a.b" (c int);
				CREATE TABLE a ("b.c" int);
				""");
		SchemaSnapshot snapshot = read("Shop Floor", SnapshotOptions.defaults());
		assertThat(snapshot.toText()).isEqualTo("""
				schema
				table "Order Lines"
				table "a.b"
				table a
				column "Order Lines"."Qty": integer
				column "Order Lines".id: integer not null
				column "a.b".c: integer
				column a."b.c": integer
				constraint "Order Lines"."Order Lines_pkey": PRIMARY KEY (id)
				""");
		assertThat(snapshot.find(ObjectKind.COLUMN, "\"Order Lines\".\"Qty\"")).isPresent();
	}

	@Test
	void tableKindsAndPropertiesAreSeen() throws SQLException {
		SchemaFixtures.create(this.database, "table_kinds", """
				CREATE TABLE events (at date NOT NULL, kind text) PARTITION BY RANGE (at);
				CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
				CREATE UNLOGGED TABLE scratch (id int) WITH (fillfactor = 70);
				CREATE TABLE base (id int);
				CREATE TABLE derived (extra int) INHERITS (base);
				ALTER TABLE base ENABLE ROW LEVEL SECURITY;
				""");
		SchemaSnapshot snapshot = read("table_kinds", SnapshotOptions.defaults());
		assertThat(snapshot.objects().stream().filter((object) -> object.kind() == ObjectKind.TABLE)
			.map(SchemaObject::keyAndDefinition)).containsExactly("table base: row level security",
					"table derived: inherits base", "table events: partition by RANGE (at)",
					"table events_2026: partition of events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
					"table scratch: unlogged with {fillfactor=70}");
	}

	@Test
	void aMissingSchemaIsAnErrorThatNamesIt() throws SQLException {
		try (Connection connection = this.database.connect()) {
			assertThatExceptionOfType(MigratorException.class)
				.isThrownBy(() -> SchemaSnapshot.read(connection, "No_Such_Schema", SnapshotOptions.defaults()))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.SNAPSHOT_FAILED))
				.withMessage("Schema 'No_Such_Schema' does not exist in this database."
						+ " Check the schema name (it is case-sensitive).");
		}
	}

	@Test
	void theConnectionKeepsItsSearchPath() throws SQLException {
		SchemaFixtures.create(this.database, "path_kept", "CREATE TABLE t (id int)");
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("SET search_path = pg_temp, \"$user\", public");
			SchemaSnapshot.read(connection, "path_kept", SnapshotOptions.defaults());
			try (ResultSet result = statement.executeQuery("SHOW search_path")) {
				result.next();
				assertThat(result.getString(1)).isEqualTo("pg_temp, \"$user\", public");
			}
		}
	}

	private SchemaSnapshot read(String schema, SnapshotOptions options) throws SQLException {
		try (Connection connection = this.database.connect()) {
			return SchemaSnapshot.read(connection, schema, options);
		}
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
