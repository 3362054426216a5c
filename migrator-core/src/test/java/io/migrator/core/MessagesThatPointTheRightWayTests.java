package io.migrator.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Failures whose cause lies outside the migrations: the message names that cause and the
 * advice that fixes it, not a generic one that sends the user the wrong way.
 */
class MessagesThatPointTheRightWayTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void unknownHostIsNamedAsSuch() {
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				() -> migratorAt("jdbc:postgresql://no-such-host.invalid:5432/app").status());

		assertThat(failure.getMessage()).contains("Cannot connect to the database: the host 'no-such-host.invalid' "
				+ "is unknown", "Check the host name in the JDBC URL");
	}

	@Test
	void closedPortIsNamedAsSuch() {
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				() -> migratorAt("jdbc:postgresql://127.0.0.1:1/app").status());

		assertThat(failure.getMessage()).contains("nothing accepts connections at the URL's host and port",
				"that the server is running");
	}

	/**
	 * Public directories write {@code OWNER TO $DATABASE_USER} under ENVSUB; run where the
	 * variable has no value, goose and migrator both send {@code OWNER TO ;}. The server's
	 * syntax error is about the SQL, the fix is about the variable.
	 */
	@Test
	void statementBrokenByAnEmptiedEnvsubVariableNamesTheVariable() {
		this.fixture.write("00001_cuisine.sql", """
				-- +goose Up
				CREATE TABLE cuisine (name text);
				-- +goose ENVSUB ON
				-- owned by the application's role
				ALTER TABLE cuisine OWNER TO $DATABASE_USER;
				COMMENT ON TABLE cuisine IS '${CUISINE_NOTE:-plain}';
				-- +goose ENVSUB OFF
				-- +goose Down
				DROP TABLE cuisine;
				""");

		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());

		assertThat(failure.getMessage()).contains("00001_cuisine.sql, statement 2 at line 4", "syntax error",
				"ENVSUB replaced $DATABASE_USER with an empty string, as goose does, because DATABASE_USER has no "
						+ "value here: set it, or write ${DATABASE_USER?message} so that a run without it is refused "
						+ "before anything runs",
				"nothing of version 1 changed")
			.doesNotContain("CUISINE_NOTE");
		assertThat(this.fixture.tableExists("cuisine")).isFalse();
	}

	@ParameterizedTest
	@EnumSource(value = LockStrategy.class, names = { "AUTO", "ADVISORY", "TABLE" })
	void poolOfOneConnectionSaysTheLockNeedsASecondAndHowToGiveIt(LockStrategy strategy) throws Exception {
		this.fixture.write("00001_one.sql", "-- +goose Up\nCREATE TABLE one (id int);\n");
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setDataSource(this.fixture.database().dataSource());
			pool.setMaximumPoolSize(1);
			pool.setConnectionTimeout(250);
			Migrator migrator = Migrator.builder()
				.dataSource(pool)
				.locations("filesystem:" + this.fixture.directory())
				.lockStrategy(strategy)
				.build();

			MigratorException failure = catchThrowableOfType(MigratorException.class, migrator::up);

			assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.LOCK_FAILED);
			assertThat(failure.getMessage()).contains("Could not open a second connection",
					"needs two connections at once", "migrator.url", "at least 2 connections")
				.doesNotContain("use lock strategy TABLE");
		}
		assertThat(HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT to_regclass('one') IS NOT NULL")
			.holds()).isEmpty();
		// Following the advice: two connections are enough for every strategy.
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setDataSource(this.fixture.database().dataSource());
			pool.setMaximumPoolSize(2);
			pool.setConnectionTimeout(250);
			Migrator.builder()
				.dataSource(pool)
				.locations("filesystem:" + this.fixture.directory())
				.lockStrategy(strategy)
				.lockLeaseDuration(java.time.Duration.ofSeconds(1))
				.build()
				.up();
		}
		assertThat(HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT to_regclass('one') IS NOT NULL")
			.holds()).containsExactly("1:applied");
	}

	@Test
	void historyRowWithAnUnknownStateIsNamedWithItsVersion() {
		this.fixture.write("00001_one.sql", "-- +goose Up\nCREATE TABLE one (id int);\n");
		this.fixture.migrator().up();
		this.fixture.execute("UPDATE migrator_history SET state = 'dirty' WHERE version = 1");

		MigratorException failure = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.migrator().status());

		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.HISTORY_FAILED);
		assertThat(failure.getMessage()).contains("has a row for version 1 with state 'dirty'",
				"it writes applied, started", "SET state = 'applied' WHERE version = 1")
			.doesNotContain("IllegalArgumentException");
	}

	@Test
	void searchPathWithoutAnExistingSchemaSaysWhereToPutTheHistory() {
		this.fixture.write("00001_one.sql", "-- +goose Up\nCREATE TABLE public.one (id int);\n");
		this.fixture.execute("ALTER DATABASE " + this.fixture.database().name() + " SET search_path = nowhere");

		MigratorException failure = catchThrowableOfType(MigratorException.class, () -> this.fixture.migrator().up());

		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
		assertThat(failure.getMessage()).contains("no schema to create the history table",
				"Set the schema option (migrator.schema, --schema)");
		assertThat(this.fixture.builder().schema("public").build().up().migrations()).hasSize(1);
	}

	private Migrator migratorAt(String url) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(url);
		dataSource.setConnectTimeout(5);
		return Migrator.builder().dataSource(dataSource).locations("filesystem:" + this.fixture.directory()).build();
	}

}
