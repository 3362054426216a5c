package io.migrator.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@FreshDatabase
class FreshDatabaseExtensionTests {

	private static TestDatabase fromBeforeAll;

	private final TestDatabase fromConstructor;

	private TestDatabase fromBeforeEach;

	FreshDatabaseExtensionTests(TestDatabase database) {
		this.fromConstructor = database;
	}

	@BeforeAll
	static void createTable(TestDatabase database) throws SQLException {
		fromBeforeAll = database;
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE visits (id int)");
		}
	}

	@BeforeEach
	void rememberDatabase(TestDatabase database) {
		this.fromBeforeEach = database;
	}

	@Test
	void injectsTheSameDatabaseEverywhere(TestDatabase database) {
		assertThat(database).isSameAs(fromBeforeAll).isSameAs(this.fromConstructor).isSameAs(this.fromBeforeEach);
	}

	@Test
	void namesTheDatabaseAfterTheClass(TestDatabase database) {
		assertThat(database.name()).matches("fresh_database_extension_tests_[0-9a-f]{8}");
	}

	@Test
	void databaseIsConnectedAndKeepsWhatBeforeAllCreated(TestDatabase database) throws SQLException {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_database(), to_regclass('visits')::text")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).isEqualTo(database.name());
			assertThat(result.getString(2)).isEqualTo("visits");
		}
	}

	@Nested
	class WhenNested {

		@Test
		void sharesTheOuterClassDatabase(TestDatabase database) {
			assertThat(database).isSameAs(fromBeforeAll);
		}

	}

}
