package io.migrator.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import io.migrator.core.snapshot.ObjectKind;
import io.migrator.core.snapshot.SchemaDifference;
import io.migrator.core.snapshot.SchemaSnapshot;
import io.migrator.core.snapshot.SnapshotOptions;
import io.migrator.testsupport.TestDatabase;
import io.migrator.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class DriftTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	private void writeShop() {
		this.fixture.write("00001_types.sql", """
				-- +goose Up
				CREATE TYPE status AS ENUM ('new', 'paid');
				CREATE SEQUENCE invoice_numbers START 100;
				""");
		this.fixture.write("00002_orders.sql", """
				-- +goose Up
				CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, state status DEFAULT 'new',
				    qty int NOT NULL DEFAULT 1 CHECK (qty > 0), note text);
				CREATE TABLE lines (id serial PRIMARY KEY, order_id bigint REFERENCES orders ON DELETE CASCADE);
				CREATE VIEW paid AS SELECT o.id FROM orders o WHERE o.state = 'paid';
				CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    RETURN NEW;
				END
				$$;
				CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
				COMMENT ON TABLE orders IS 'what customers bought';
				""");
		this.fixture.write("00003_index.sql", """
				-- +goose NO TRANSACTION
				-- +goose Up
				CREATE INDEX CONCURRENTLY orders_note ON orders (note);
				""");
	}

	@Test
	void aSchemaBuiltOnlyByItsMigrationsHasNoDrift() {
		writeShop();
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		List<String> historyBefore = this.fixture.query("SELECT version, state, applied_at FROM migrator_history");
		String schemaBefore = liveText("public");
		DriftReport report = migrator.drift();
		assertThat(report.diff().differences()).isEmpty();
		assertThat(report.hasDrift()).isFalse();
		assertThat(report.liveSchema()).isEqualTo("public");
		assertThat(report.replayedVersions()).containsExactly(1L, 2L, 3L);
		assertThat(report.skippedVersions()).isEmpty();
		assertThat(report.scratchLocation()).matches("schema public_migrator_drift_[0-9a-f]{8} in the migrated database");
		assertThat(report.notes()).singleElement().asString().startsWith("Extensions were not compared");
		assertNoScratchSchemaLeft();
		assertThat(this.fixture.query("SELECT version, state, applied_at FROM migrator_history"))
			.isEqualTo(historyBefore);
		assertThat(liveText("public")).isEqualTo(schemaBefore);
	}

	@Test
	void changesMadeByHandAreReported() {
		writeShop();
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		this.fixture.execute("CREATE TABLE hotfix (id int); ALTER TABLE orders ALTER qty SET DEFAULT 5;"
				+ " DROP INDEX orders_note");
		DriftReport report = migrator.drift();
		assertThat(report.hasDrift()).isTrue();
		assertThat(report.diff().differences()).extracting((difference) -> difference.change() + " "
				+ difference.kind().displayName() + " " + difference.name())
			.containsExactly("ADDED table hotfix", "ADDED column hotfix.id", "CHANGED column orders.qty",
					"REMOVED index orders_note");
		assertThat(report.diff().differences().get(2)).satisfies((difference) -> {
			assertThat(difference.expected()).isEqualTo("integer not null default 1");
			assertThat(difference.actual()).isEqualTo("integer not null default 5");
		});
		assertNoScratchSchemaLeft();
	}

	@Test
	void theScratchSchemaIsDroppedWhenTheReplayFailsAndTheMessageSaysWhatToDo() {
		// An extension installed in the live schema is not on the scratch schema's search_path.
		this.fixture.execute("CREATE EXTENSION citext SCHEMA public");
		this.fixture.write("00001_users.sql", "-- +goose Up\nCREATE TABLE users (email citext);\n");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		List<String> historyBefore = this.fixture.query("SELECT version, state, applied_at FROM migrator_history");
		assertThatExceptionOfType(MigratorException.class).isThrownBy(migrator::drift).satisfies((ex) -> {
			assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.SNAPSHOT_FAILED);
			assertThat(ex.getMessage()).matches("(?s)Drift check could not rebuild the schema in schema "
					+ "public_migrator_drift_[0-9a-f]{8} in the migrated database \\(dropped again; the live schema "
					+ "and history are unchanged\\): replaying version 1 \\(users\\) from .*00001_users.sql, "
					+ "statement 1 at line 2 failed: ERROR: type \"citext\" does not exist.*\\. It succeeded in the "
					+ "live database, so it most likely depends on something outside its own schema there \\(an "
					+ "extension installed in the live schema, a schema-qualified name\\): give drift a scratch "
					+ "database that has it instead \\(CLI: --scratch-url\\)\\.");
		});
		assertNoScratchSchemaLeft();
		assertThat(this.fixture.query("SELECT version, state, applied_at FROM migrator_history"))
			.isEqualTo(historyBefore);
		assertThat(this.fixture.tableExists("users")).isTrue();
	}

	@Test
	void aSqlMigrationNamingTheLiveSchemaIsNotReplayedInTheMigratedDatabase() {
		this.fixture.execute("CREATE TABLE audit (what text)");
		this.fixture.write("00001_orders.sql", "-- +goose Up\nCREATE TABLE orders (id int);\n"
				+ "-- public.audit is written below\nINSERT INTO Public.audit VALUES ('orders created');\n"
				+ "-- +goose Down\nDELETE FROM public.audit;\nDROP TABLE orders;\n");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		assertThatExceptionOfType(MigratorException.class).isThrownBy(migrator::drift)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.SNAPSHOT_FAILED))
			.withMessage("Cannot check drift in the migrated database: version 1 ("
					+ this.fixture.directory().resolve("00001_orders.sql") + ", line 4) names the "
					+ "live schema itself ('Public.'), so replaying it there would act on the live schema, not on the "
					+ "scratch one. Give drift a scratch database instead (CLI: --scratch-url; "
					+ "Migrator.drift(DataSource)), or leave the schema name out of the migration.");
		assertThat(this.fixture.query("SELECT what FROM audit")).containsExactly("orders created");
		assertNoScratchSchemaLeft();
	}

	@Test
	void aScratchDatabaseComparesExtensionsToo() throws SQLException {
		this.fixture.write("00001_users.sql", """
				-- +goose Up
				CREATE EXTENSION IF NOT EXISTS citext;
				CREATE TABLE users (email citext PRIMARY KEY);
				""");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		try (TestDatabase scratch = TestPostgres.get().createDatabase("drift_scratch")) {
			DriftReport clean = migrator.drift(scratch.dataSource());
			assertThat(clean.diff().differences()).isEmpty();
			assertThat(clean.notes()).isEmpty();
			assertThat(clean.scratchLocation()).endsWith(" in the scratch database");
			this.fixture.execute("CREATE EXTENSION hstore SCHEMA public");
			DriftReport drifted = migrator.drift(scratch.dataSource());
			assertThat(drifted.diff().differences()).extracting(SchemaDifference::kind, SchemaDifference::name,
					SchemaDifference::change)
				.containsExactly(tuple(ObjectKind.EXTENSION, "hstore",
						SchemaDifference.Change.ADDED));
			assertThat(schemasNamedLikeScratch(scratch)).isZero();
		}
	}

	@Test
	void anUnreachableScratchDatabaseIsNamedInTheError() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		PGSimpleDataSource missing = new PGSimpleDataSource();
		missing.setURL(this.fixture.database().jdbcUrl());
		missing.setDatabaseName("no_such_scratch_database");
		missing.setUser(this.fixture.database().user());
		missing.setPassword(this.fixture.database().password());
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> migrator.drift(missing))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.SNAPSHOT_FAILED))
			.withMessageStartingWith("Drift check could not connect to the scratch database: ")
			.withMessageContaining("no_such_scratch_database")
			.withMessageEndingWith(". Check its URL and credentials, and that it is reachable.");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void versionsPendingBelowTheHighestAppliedAreNotReplayed() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.write("00003_c.sql", "-- +goose Up\nCREATE TABLE c (id int);\n");
		this.fixture.builder().allowOutOfOrder(true).build().up();
		this.fixture.write("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		DriftReport report = this.fixture.builder().allowOutOfOrder(true).build().drift();
		assertThat(report.diff().differences()).isEmpty();
		assertThat(report.replayedVersions()).containsExactly(1L, 3L);
		assertThat(report.skippedVersions()).containsExactly(2L);
		assertThat(report.notes()).contains("Versions [2] are pending in the live database below its highest "
				+ "applied version, so they were not replayed either.");
		assertThat(this.fixture.tableExists("b")).isFalse();
	}

	@Test
	void anAppliedVersionWithoutItsFileIsRefused() throws Exception {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.migrator().up();
		this.fixture.delete("00001_a.sql");
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> this.fixture.migrator().drift())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED))
			.withMessage("Cannot check drift: version 1 (a) is applied but this build has no migration with that "
					+ "version, so it cannot be replayed. Run drift with the build that applied it, or restore its file.");
		assertNoScratchSchemaLeft();
	}

	@Test
	void javaMigrationsAreReplayedAndNotedAndListenersSeeNothing() {
		this.fixture.write("00001_flags.sql", "-- +goose Up\nCREATE TABLE flags (name text);\n");
		JavaMigration addColumn = new JavaMigration() {

			@Override
			public void up(MigrationContext context) throws Exception {
				try (var statement = context.connection().createStatement()) {
					statement.execute("ALTER TABLE flags ADD COLUMN enabled boolean NOT NULL DEFAULT false");
				}
			}

			@Override
			public long version() {
				return 2;
			}

			@Override
			public String description() {
				return "flag switch";
			}

		};
		List<String> calls = new ArrayList<>();
		MigrationListener listener = new MigrationListener() {

			@Override
			public void beforeRun(String operation) {
				calls.add(operation);
			}

		};
		Migrator migrator = this.fixture.builder().javaMigrations(addColumn).listeners(listener).build();
		migrator.up();
		calls.clear();
		DriftReport report = migrator.drift();
		assertThat(report.diff().differences()).isEmpty();
		assertThat(report.replayedVersions()).containsExactly(1L, 2L);
		assertThat(report.notes()).anySatisfy((note) -> assertThat(note)
			.startsWith("Java migrations were replayed with the scratch schema as their connection's search_path: "));
		assertThat(calls).isEmpty();
	}

	@Test
	void aConfiguredSchemaIsTheOneCompared() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		Migrator migrator = this.fixture.builder().schema("shop").useSchemaAsSearchPath(true).build();
		migrator.up();
		this.fixture.execute("CREATE TABLE public.unrelated (id int)");
		DriftReport report = migrator.drift();
		assertThat(report.liveSchema()).isEqualTo("shop");
		assertThat(report.diff().differences()).isEmpty();
		assertThat(report.scratchLocation()).startsWith("schema shop_migrator_drift_");
	}

	@Test
	void aSchemaNamedWithCapitalsAndSpacesIsChecked() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE \"Order Lines\" (id int PRIMARY KEY);\n");
		Migrator migrator = this.fixture.builder().schema("\"Shop Floor\"").useSchemaAsSearchPath(true).build();
		migrator.up();
		assertThat(migrator.drift().diff().differences()).isEmpty();
		this.fixture.execute("ALTER TABLE \"Shop Floor\".\"Order Lines\" ADD COLUMN \"Note\" text");
		DriftReport report = migrator.drift();
		assertThat(report.liveSchema()).isEqualTo("Shop Floor");
		assertThat(report.diff().differences()).singleElement()
			.satisfies((difference) -> assertThat(difference.toText())
				.isEqualTo("+ column \"Order Lines\".\"Note\": text\n"));
		assertNoScratchSchemaLeft();
	}

	@Test
	void withoutAHistoryEveryObjectIsReportedAsAdded() {
		this.fixture.execute("CREATE TABLE made_by_hand (id int)");
		DriftReport report = this.fixture.migrator().drift();
		assertThat(report.replayedVersions()).isEmpty();
		assertThat(report.diff().differences()).extracting(SchemaDifference::name)
			.containsExactly("made_by_hand", "made_by_hand.id");
		assertThat(report.notes()).contains("The history table migrator_history does not exist: nothing is applied, "
				+ "so every object of the live schema is reported as added.");
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	private String liveText(String schema) {
		try (Connection connection = this.fixture.database().connect()) {
			return SchemaSnapshot.read(connection, schema, SnapshotOptions.defaults().withOwners(true).withGrants(true))
				.toText();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aScratchSchemaLeftByAnInterruptedCheckIsNamedNotDropped() {
		writeShop();
		Migrator migrator = this.fixture.migrator();
		migrator.up();
		// What a drift check killed during its replay leaves: its scratch schema, half built.
		this.fixture.execute("CREATE SCHEMA public_migrator_drift_0badc0de");
		this.fixture.execute("CREATE TABLE public_migrator_drift_0badc0de.half_built (id int)");
		DriftReport report = migrator.drift();
		assertThat(report.hasDrift()).isFalse();
		assertThat(report.notes()).contains("Schema public_migrator_drift_0badc0de looks like the scratch schema of a "
				+ "drift check that was interrupted (or of one running now); it is not part of this check. Once no "
				+ "drift check is running, drop it: DROP SCHEMA \"public_migrator_drift_0badc0de\" CASCADE");
		assertThat(this.fixture.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE '%migrator_drift%'"))
			.containsExactly("public_migrator_drift_0badc0de");
		// The advice, followed as given.
		String advice = report.notes().get(report.notes().size() - 1);
		this.fixture.execute(advice.substring(advice.indexOf("DROP SCHEMA")));
		assertThat(migrator.drift().notes()).noneMatch((note) -> note.contains("0badc0de"));
	}

	private void assertNoScratchSchemaLeft() {
		assertThat(this.fixture.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE '%migrator_drift%'"))
			.isEmpty();
	}

	private static int schemasNamedLikeScratch(TestDatabase database) throws SQLException {
		try (Connection connection = database.connect();
				var result = connection.createStatement()
					.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '%migrator_drift%'")) {
			result.next();
			return result.getInt(1);
		}
	}

}
