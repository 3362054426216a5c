package io.migrator.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A database another tool manages, with no migrator history yet: the engine (and so the
 * CLI and the starter) must not apply from version 1 again.
 */
class LegacyManagedDatabaseTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void upOnAGooseDatabaseRefusesInsteadOfRunningVersionOneAgain() {
		gooseAppliedSeed();
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> this.fixture.migrator().up())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED))
			.withMessageContaining("managed by goose")
			.withMessageContaining("migrator adopt --from goose")
			.withMessageContaining("LegacyTracker.GOOSE");
		assertThat(this.fixture.query("SELECT count(*) FROM prices")).containsExactly("1");
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void dryRunOnAGooseDatabaseRefusesToo() {
		gooseAppliedSeed();
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> this.fixture.migrator().dryRun())
			.withMessageContaining("adopt --from goose");
	}

	@Test
	void statusNamesTheToolThatManagesTheDatabase() {
		gooseAppliedSeed();
		StatusReport report = this.fixture.migrator().status();
		assertThat(report.managedBy()).isEqualTo(LegacyTracker.GOOSE);
		assertThat(report.historyTableExists()).isFalse();
	}

	@Test
	void afterAdoptUpAppliesOnlyWhatGooseDidNot() {
		gooseAppliedSeed();
		this.fixture.write("00002_more_prices.sql", "-- +goose Up\nINSERT INTO prices VALUES (2);\n");
		Migrator migrator = this.fixture.migrator();
		migrator.adopt(LegacyTracker.GOOSE, false);
		assertThat(migrator.status().managedBy()).isNull();
		assertThat(migrator.up().migrations()).extracting(MigrationResult::version).containsExactly(2L);
		assertThat(this.fixture.query("SELECT id FROM prices ORDER BY id")).containsExactly("1", "2");
	}

	@Test
	void upOnAFlywayDatabaseRefuses() {
		this.fixture.write("00001_create_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n");
		this.fixture.execute("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), "
				+ "description varchar(200), type varchar(20), script varchar(1000), checksum int, "
				+ "installed_by varchar(100), installed_on timestamp DEFAULT now(), execution_time int, success boolean)");
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> this.fixture.migrator().up())
			.withMessageContaining("managed by flyway")
			.withMessageContaining("adopt --from flyway");
	}

	/** goose applied a data-only first migration: running it again would insert the row twice. */
	private void gooseAppliedSeed() {
		this.fixture.write("00001_seed_prices.sql", "-- +goose Up\nINSERT INTO prices VALUES (1);\n");
		this.fixture.execute("CREATE TABLE prices (id int)");
		this.fixture.execute("INSERT INTO prices VALUES (1)");
		this.fixture.execute("CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, "
				+ "is_applied boolean NOT NULL, tstamp timestamp NULL DEFAULT now())");
		this.fixture.execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true)");
	}

}
