package io.migrator.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs sample test classes through the Jupiter engine to watch what happens to their
 * databases once each class is done. The samples are static member classes, which
 * Surefire does not run on its own.
 */
class FreshDatabaseLifecycleTests {

	static final Map<String, String> seen = new ConcurrentHashMap<>();

	@Test
	void eachClassGetsItsOwnDatabaseThatIsDroppedAfterAllItsTests() throws SQLException {
		seen.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(FirstSample.class), selectClass(SecondSample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(3).succeeded(3).failed(0).skipped(0).aborted(0));
		assertThat(seen).containsOnlyKeys("first", "first.nested", "second");
		assertThat(seen.get("first")).startsWith("first_sample_").isEqualTo(seen.get("first.nested"));
		assertThat(seen.get("second")).startsWith("second_sample_");
		try (TestDatabase witness = TestPostgres.get().createDatabase("witness");
				Connection connection = witness.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"SELECT count(*) FROM pg_database WHERE datname IN ('" + seen.get("first") + "', '"
								+ seen.get("second") + "')")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isZero();
		}
	}

	@FreshDatabase
	static class FirstSample {

		@Test
		void createsATable(TestDatabase database) throws SQLException {
			seen.put("first", database.name());
			try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE only_in_first (id int)");
			}
		}

		@Nested
		class Inner {

			@Test
			void seesTheSameDatabase(TestDatabase database) {
				seen.put("first.nested", database.name());
			}

		}

	}

	@FreshDatabase
	@TestInstance(Lifecycle.PER_CLASS)
	static class SecondSample {

		private final TestDatabase database;

		SecondSample(TestDatabase database) {
			this.database = database;
		}

		@Test
		void doesNotSeeTheOtherClassTable() throws SQLException {
			seen.put("second", this.database.name());
			try (Connection connection = this.database.connect(); Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT to_regclass('only_in_first')")) {
				assertThat(result.next()).isTrue();
				assertThat(result.getString(1)).isNull();
			}
		}

	}

}
