package io.migrator.cli;

import java.nio.file.Path;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adopting databases managed by other tools, with their history tables created exactly as
 * those tools create them on PostgreSQL.
 */
@FreshDatabase
class AdoptCommandTests {

	/** pressly/goose's PostgreSQL dialect, including the version 0 row goose inserts first. */
	private static final String[] GOOSE_TABLE = { """
			CREATE TABLE goose_db_version (
				id serial NOT NULL,
				version_id bigint NOT NULL,
				is_applied boolean NOT NULL,
				tstamp timestamp NULL default now(),
				PRIMARY KEY(id)
			)""", "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true)" };

	/** golang-migrate's postgres driver. */
	private static final String GOLANG_MIGRATE_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations "
			+ "(version bigint not null primary key, dirty boolean not null)";

	/** Flyway's PostgreSQL createMetaDataTable.sql. */
	private static final String[] FLYWAY_TABLE = { """
			CREATE TABLE "flyway_schema_history" (
				"installed_rank" INT NOT NULL,
				"version" VARCHAR(50),
				"description" VARCHAR(200) NOT NULL,
				"type" VARCHAR(20) NOT NULL,
				"script" VARCHAR(1000) NOT NULL,
				"checksum" INT,
				"installed_by" VARCHAR(100) NOT NULL,
				"installed_on" TIMESTAMP NOT NULL DEFAULT now(),
				"execution_time" INT NOT NULL,
				"success" BOOLEAN NOT NULL
			)""",
			"ALTER TABLE \"flyway_schema_history\" ADD CONSTRAINT \"flyway_schema_history_pk\" "
					+ "PRIMARY KEY (\"installed_rank\")",
			"CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\")" };

	private CliFixture fixture;

	@BeforeEach
	void prepare(TestDatabase database, @TempDir Path directory) {
		this.fixture = new CliFixture(database, directory);
		this.fixture.table("00001", "users").table("00002", "orders").table("00003", "invoices");
		// The schema as the other tool left it after applying versions 1 and 2.
		this.fixture.execute("CREATE TABLE users (id int)", "CREATE TABLE orders (id int)");
	}

	@Test
	void adoptsFromGooseTakingTheNewestRowOfEachVersion() {
		this.fixture.execute(GOOSE_TABLE);
		this.fixture.execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (1, true), (2, true), "
				+ "(3, true), (3, false)");
		CliRun run = this.fixture.run("adopt", "--from", "goose", "--json");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		JsonNode migrations = run.json().get("migrations");
		assertThat(migrations.findValuesAsString("outcome")).containsOnly("marked_applied");
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
		assertThat(this.fixture.column("SELECT checksum FROM " + this.fixture.schema() + ".migrator_history"))
			.containsOnlyNulls();
		CliRun up = this.fixture.run("up");
		assertThat(up.exitCode()).as(up.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2", "3");
	}

	@Test
	void adoptsFromGolangMigrate() {
		this.fixture.execute(GOLANG_MIGRATE_TABLE, "INSERT INTO schema_migrations VALUES (2, false)");
		CliRun run = this.fixture.run("adopt", "--from", "golang-migrate");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("marked applied");
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

	@Test
	void refusesADirtyGolangMigrateDatabaseAndSaysHowToRecover() {
		this.fixture.execute(GOLANG_MIGRATE_TABLE, "INSERT INTO schema_migrations VALUES (2, true)");
		CliRun run = this.fixture.run("adopt", "--from", "golang-migrate");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("dirty at version 2", "migrate force");
		assertThat(this.fixture.column("SELECT count(*) FROM " + this.fixture.schema() + ".migrator_history"))
			.containsExactly("0");
	}

	@Test
	void adoptsSuccessfulVersionedRowsFromFlyway() {
		this.fixture.execute(FLYWAY_TABLE);
		this.fixture.execute("""
				INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
					installed_by, execution_time, success) VALUES
				(1, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"app"', NULL, 'app', 0, true),
				(2, '1', 'create users', 'SQL', 'V1__create_users.sql', 1733912371, 'app', 12, true),
				(3, '2', 'create orders', 'SQL', 'V2__create_orders.sql', -41236452, 'app', 9, true),
				(4, NULL, 'views', 'SQL', 'R__views.sql', 99, 'app', 3, true)""");
		CliRun run = this.fixture.run("adopt", "--from", "flyway");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

	@Test
	void adoptingTwiceChangesNothing() {
		this.fixture.execute(GOLANG_MIGRATE_TABLE, "INSERT INTO schema_migrations VALUES (2, false)");
		assertThat(this.fixture.run("adopt", "--from", "golang-migrate").exitCode()).isZero();
		CliRun again = this.fixture.run("adopt", "--from", "golang-migrate");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

	@Test
	void addingToANonEmptyHistoryNeedsForce() {
		this.fixture.execute(GOLANG_MIGRATE_TABLE, "INSERT INTO schema_migrations VALUES (1, false)");
		assertThat(this.fixture.run("adopt", "--from", "golang-migrate").exitCode()).isZero();
		this.fixture.execute("UPDATE schema_migrations SET version = 2");
		CliRun refused = this.fixture.run("adopt", "--from", "golang-migrate");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.err()).contains("already has 1 row(s)", "versions [2]", "--force");
		assertThat(this.fixture.appliedVersions()).containsExactly("1");
		assertThat(this.fixture.run("adopt", "--from", "golang-migrate", "--force").exitCode()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

	@Test
	void saysWhichTableIsMissing() {
		CliRun run = this.fixture.run("adopt", "--from", "flyway");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("flyway_schema_history does not exist");
	}

	@Test
	void statusOfAGooseManagedDatabaseSaysSoAndNamesAdopt() {
		this.fixture.execute(GOOSE_TABLE);
		this.fixture.execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (1, true), (2, true)");
		CliRun run = this.fixture.run("status");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("This database is managed by goose", "migrator adopt --from goose");
		CliRun json = this.fixture.run("status", "--json");
		assertThat(json.json().get("managedBy").asString()).isEqualTo("goose");
		CliRun check = this.fixture.run("check", "--json");
		assertThat(check.exitCode()).isEqualTo(1);
		assertThat(check.json().get("problems").findValuesAsString("kind")).contains("no_history", "managed_by_goose");
		assertThat(check.json().get("problems").findValuesAsString("message"))
			.anySatisfy((message) -> assertThat(message).contains("run 'migrator adopt --from goose' first"));
	}

	@Test
	void upOnAGooseManagedDatabaseRefusesInsteadOfRerunningVersionOne() {
		this.fixture.execute(GOOSE_TABLE);
		this.fixture.execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (1, true), (2, true)");
		CliRun run = this.fixture.run("up");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains("managed by goose", "'migrator adopt --from goose'");
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
		assertThat(this.fixture.tableExists("invoices")).isFalse();
	}

	@Test
	void adoptsFromACustomGooseTableKeepingWhenEachVersionWasApplied() {
		this.fixture.execute(GOOSE_TABLE[0].replace("goose_db_version", "app_versions"));
		this.fixture.execute("INSERT INTO app_versions (version_id, is_applied, tstamp) VALUES "
				+ "(0, true, '2023-05-01 10:00:00'), (1, true, '2023-05-01 10:00:01'), (2, true, '2024-02-29 23:59:59')");
		CliRun run = this.fixture.run("adopt", "--from", "goose", "--table", "app_versions");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.column("SELECT h.version || ' ' || (h.applied_at = g.tstamp::timestamptz) FROM "
				+ this.fixture.schema() + ".migrator_history h JOIN app_versions g ON g.version_id = h.version "
				+ "ORDER BY h.version")).containsExactly("1 true", "2 true");
	}

	@Test
	void gooseTableVariableNamesTheTableToAdoptFrom() {
		this.fixture.execute(GOOSE_TABLE[0].replace("goose_db_version", "legacy_versions"));
		this.fixture.execute("INSERT INTO legacy_versions (version_id, is_applied) VALUES (1, true)");
		java.util.Map<String, String> environment = new java.util.HashMap<>(this.fixture.environment());
		environment.put(CliSettings.GOOSE_TABLE, "legacy_versions");
		CliRun run = CliRun.of(environment, "adopt", "--from", "goose");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1");
	}

	@Test
	void refusesFlywayHistoryWithAFailedMigration() {
		this.fixture.execute(FLYWAY_TABLE);
		this.fixture.execute("""
				INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
					installed_by, execution_time, success) VALUES
				(1, '1', 'create users', 'SQL', 'V1__create_users.sql', 1, 'app', 12, true),
				(2, '2', 'create orders', 'SQL', 'V2__create_orders.sql', 2, 'app', 9, false)""");
		CliRun run = this.fixture.run("adopt", "--from", "flyway");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains("failed migrations: version 2 (V2__create_orders.sql)", "flyway repair");
		assertThat(this.fixture.column("SELECT count(*) FROM " + this.fixture.schema() + ".migrator_history"))
			.containsExactly("0");
	}

	@Test
	void honoursFlywayUndoRows() {
		this.fixture.execute(FLYWAY_TABLE);
		this.fixture.execute("""
				INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
					installed_by, execution_time, success) VALUES
				(1, '1', 'create users', 'SQL', 'V1__create_users.sql', 1, 'app', 12, true),
				(2, '2', 'create orders', 'SQL', 'V2__create_orders.sql', 2, 'app', 9, true),
				(3, '3', 'create invoices', 'SQL', 'V3__create_invoices.sql', 3, 'app', 9, true),
				(4, '3', 'create invoices', 'UNDO_SQL', 'U3__create_invoices.sql', 4, 'app', 2, true)""");
		CliRun run = this.fixture.run("adopt", "--from", "flyway");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

}
