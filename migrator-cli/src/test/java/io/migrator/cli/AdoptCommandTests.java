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
				(4, NULL, 'views', 'SQL', 'R__views.sql', 99, 'app', 3, true),
				(5, '3', 'create invoices', 'SQL', 'V3__create_invoices.sql', 77, 'app', 4, false)""");
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

}
