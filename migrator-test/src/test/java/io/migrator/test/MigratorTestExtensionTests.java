package io.migrator.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.migrator.core.Location;
import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationContext;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorBuilder;
import io.migrator.testsupport.TestDatabase;
import io.migrator.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Runs sample test classes through the Jupiter engine to watch their databases. The
 * samples are static member classes, which Surefire does not run on its own.
 */
class MigratorTestExtensionTests {

	static final Map<String, String> seen = new ConcurrentHashMap<>();

	@Test
	void eachTestMethodGetsItsOwnDatabaseDroppedAfterIt() throws SQLException {
		seen.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(Sample.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(3).succeeded(3));
		assertThat(seen).containsOnlyKeys("first", "second", "nested");
		assertThat(seen.get("first")).startsWith("first_");
		assertThat(seen.get("second")).startsWith("second_");
		assertThat(seen.get("nested")).startsWith("nested_");
		try (TestDatabase witness = TestPostgres.get().createDatabase("witness");
				Connection connection = witness.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname IN ('"
						+ String.join("', '", seen.values()) + "')")) {
			result.next();
			assertThat(result.getInt(1)).as("databases left behind").isZero();
		}
	}

	@Test
	void parameterOfBeforeAllIsRefusedSayingWhy() {
		execute(BeforeAllSample.class).assertThatEvents()
			.haveExactly(1, event(finishedWithFailure(message((text) -> text.startsWith("@MigratorTest gives each "
					+ "test method a database of its own, so a DataSource can be a parameter of a test method, "
					+ "@BeforeEach or @AfterEach method, but not of ")
					&& text.endsWith("which runs outside any test method")))));
	}

	@Test
	void extensionWithoutTheAnnotationIsRefusedSayingWhatToDo() {
		execute(WithoutAnnotationSample.class).assertThatEvents()
			.haveExactly(1, event(finishedWithFailure(message(WithoutAnnotationSample.class.getName()
					+ " is not annotated with @MigratorTest, which says where its migrations are; annotate it "
					+ "instead of registering MigratorTestExtension on its own"))));
	}

	@Test
	void customizerWithoutConstructorWithoutParametersIsRefusedNamingIt() {
		execute(BadCustomizerSample.class).assertThatEvents()
			.haveExactly(1, event(finishedWithFailure(message("@MigratorTest customizer "
					+ NeedsArgument.class.getName() + " needs a constructor without parameters"))));
	}

	private static Events execute(Class<?> sample) {
		return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().allEvents();
	}

	private static String currentDatabase(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_database()")) {
			result.next();
			return result.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@MigratorTest(locations = "classpath:kit/base", customizers = SeedCustomizer.class)
	static class Sample {

		private MigrationTestDatabase fromBeforeEach;

		@BeforeEach
		void remember(MigrationTestDatabase database) {
			this.fromBeforeEach = database;
		}

		@AfterEach
		void databaseIsStillThere(MigrationTestDatabase database) {
			assertThat(database).isSameAs(this.fromBeforeEach);
			assertThat(currentDatabase(database.dataSource())).isEqualTo(database.name());
		}

		@Test
		void first(MigrationTestDatabase database, Migrator migrator, DataSource dataSource) {
			assertThat(database).isSameAs(this.fromBeforeEach);
			assertThat(migrator).isSameAs(database.migrator());
			assertThat(currentDatabase(dataSource)).isEqualTo(database.name());
			assertThat(currentDatabase(migrator.configuration().dataSource())).isEqualTo(database.name());
			// The customizer's Java migration, version 3, runs after the location's SQL files.
			assertThat(migrator.up().migrations()).extracting((result) -> result.version()).containsExactly(1L, 2L, 3L);
			assertThat(migrator.configuration().history().table()).isEqualTo("kit_history");
			seen.put("first", database.name());
		}

		@Test
		void second(MigrationTestDatabase database) {
			assertThat(database.migrator().version()).as("nothing of the first test").isZero();
			seen.put("second", database.name());
		}

		@Nested
		class WhenNested {

			@Test
			void nested(MigrationTestDatabase database) {
				assertThat(database.migrator().configuration().source().locations())
					.containsExactly(Location.classpath("kit/base"));
				seen.put("nested", database.name());
			}

		}

	}

	/** Adds a Java migration, as a Spring application's beans would, and renames the history table. */
	static class SeedCustomizer implements MigratorCustomizer {

		@Override
		public void customize(MigratorBuilder builder) {
			builder.table("kit_history").javaMigrations(new JavaMigration() {

				@Override
				public long version() {
					return 3;
				}

				@Override
				public String description() {
					return "seed customers";
				}

				@Override
				public void up(MigrationContext context) throws SQLException {
					try (Statement statement = context.connection().createStatement()) {
						statement.execute("INSERT INTO customers (name) VALUES ('Ada')");
					}
				}

			});
		}

	}

	@MigratorTest(locations = "classpath:kit/base")
	static class BeforeAllSample {

		@BeforeAll
		static void tooEarly(DataSource dataSource) {
		}

		@Test
		void test() {
		}

	}

	@ExtendWith(MigratorTestExtension.class)
	static class WithoutAnnotationSample {

		@Test
		void test(Migrator migrator) {
		}

	}

	static class NeedsArgument implements MigratorCustomizer {

		NeedsArgument(String argument) {
		}

		@Override
		public void customize(MigratorBuilder builder) {
		}

	}

	@MigratorTest(locations = "classpath:kit/base", customizers = NeedsArgument.class)
	static class BadCustomizerSample {

		@Test
		void test(Migrator migrator) {
		}

	}

}
