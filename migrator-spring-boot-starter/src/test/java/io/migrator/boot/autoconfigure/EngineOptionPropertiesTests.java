package io.migrator.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.migrator.core.InvalidSourceException;
import io.migrator.core.Migrator;
import io.migrator.core.Outcome;
import io.migrator.core.RunResult;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrator.encoding}, {@code migrator.ignore-missing-migrations} and
 * {@code migrator.remove-history-row-when-no-down} reach the engine and change what it does
 * to a real database.
 */
@FreshDatabase
class EngineOptionPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class));

	private final TestDatabase database;

	EngineOptionPropertiesTests(TestDatabase database) {
		this.database = database;
	}

	@Test
	void latin1FileIsAppliedWithTheConfiguredEncoding(@TempDir Path directory) throws IOException {
		DatabaseState state = schema("latin1");
		writeLatin1File(directory);
		this.contextRunner.withPropertyValues(properties(state, directory))
			.withPropertyValues("migrator.encoding=ISO-8859-1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(text(state, "SELECT name FROM latin1.cities")).isEqualTo("Zürich");
			});
	}

	@Test
	void latin1FileWithoutEncodingFailsTheStartNamingFileAndLineBeforeTouchingTheDatabase(@TempDir Path directory)
			throws IOException {
		DatabaseState state = schema("latin1_refused");
		writeLatin1File(directory);
		this.contextRunner.withPropertyValues(properties(state, directory)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSourceException.class)
				.hasMessageContaining("00001_cities.sql:3: byte 0xFC at column 30 is not valid UTF-8")
				.hasMessageContaining("migrator.encoding");
			assertThat(state.tableExists("migrator_history")).isFalse();
		});
	}

	@Test
	void unknownEncodingFailsTheStartNamingTheProperty(@TempDir Path directory) throws IOException {
		DatabaseState state = schema("latin1_unknown");
		writeLatin1File(directory);
		this.contextRunner.withPropertyValues(properties(state, directory))
			.withPropertyValues("migrator.encoding=latin-9x")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("migrator.encoding")
					.hasStackTraceContaining("latin-9x");
				assertThat(state.tableExists("migrator_history")).isFalse();
			});
	}

	@Test
	void validateModeAcceptsADatabaseAheadOfThisBuildOnlyWhenMissingMigrationsAreIgnored(@TempDir Path directory)
			throws IOException {
		DatabaseState state = schema("ahead");
		Files.writeString(directory.resolve("00001_create_users.sql"), "-- +goose Up\nCREATE TABLE users (id int);\n");
		Files.writeString(directory.resolve("00002_create_orders.sql"), "-- +goose Up\nCREATE TABLE orders (id int);\n");
		this.contextRunner.withPropertyValues(properties(state, directory))
			.run((context) -> assertThat(context).hasNotFailed());
		// The older build, which does not have version 2, starts against the newer schema.
		Files.delete(directory.resolve("00002_create_orders.sql"));
		this.contextRunner.withPropertyValues(properties(state, directory))
			.withPropertyValues("migrator.mode=validate")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(SchemaNotAppliedException.class)
					.hasMessageContaining("migrator.ignore-missing-migrations");
			});
		this.contextRunner.withPropertyValues(properties(state, directory))
			.withPropertyValues("migrator.mode=validate", "migrator.ignore-missing-migrations=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Migrator.class).check().isValid()).isTrue();
			});
		assertThat(state.appliedVersions()).containsExactly(1L, 2L);
	}

	@Test
	void downOfAMigrationWithoutDownPartOnlyRemovesItsHistoryRowWhenAllowed(@TempDir Path directory)
			throws IOException {
		DatabaseState state = schema("no_down");
		Files.writeString(directory.resolve("00001_create_notes.sql"), "-- +goose Up\nCREATE TABLE notes (id int);\n");
		this.contextRunner.withPropertyValues(properties(state, directory))
			.withPropertyValues("migrator.remove-history-row-when-no-down=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RunResult down = context.getBean(Migrator.class).down();
				assertThat(down.migrations()).singleElement()
					.satisfies((result) -> assertThat(result.outcome()).isEqualTo(Outcome.HISTORY_ROW_REMOVED));
				assertThat(state.appliedVersions()).isEmpty();
				assertThat(state.tableExists("notes")).as("its changes stay").isTrue();
			});
	}

	@Test
	void metadataDescribesTheThreeProperties() throws IOException {
		String generated = resource("META-INF/spring-configuration-metadata.json");
		assertThat(generated).contains("\"migrator.encoding\"", "\"java.nio.charset.Charset\"",
				"\"migrator.ignore-missing-migrations\"", "\"migrator.remove-history-row-when-no-down\"",
				"Whether to only remove the history row when undoing a migration that has no down part");
		assertThat(resource("META-INF/additional-spring-configuration-metadata.json")).contains("\"windows-1252\"");
	}

	private String[] properties(DatabaseState state, Path directory) {
		return new String[] { "spring.datasource.url=" + state.url(),
				"spring.datasource.username=" + this.database.user(),
				"spring.datasource.password=" + this.database.password(), "migrator.schema=" + state.schema(),
				"migrator.locations=filesystem:" + directory };
	}

	private static void writeLatin1File(Path directory) throws IOException {
		// 'Zürich' with ü as the single ISO-8859-1 byte 0xFC, on line 3.
		Files.write(directory.resolve("00001_cities.sql"),
				"-- +goose Up\nCREATE TABLE cities (name text);\nINSERT INTO cities VALUES ('Zürich');\n"
					.getBytes(StandardCharsets.ISO_8859_1));
	}

	private String text(DatabaseState state, String sql) throws SQLException {
		try (Connection connection = state.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			assertThat(rows.next()).isTrue();
			return rows.getString(1);
		}
	}

	private static String resource(String name) throws IOException {
		try (InputStream stream = EngineOptionPropertiesTests.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(stream).as(name).isNotNull();
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private DatabaseState schema(String name) {
		return new DatabaseState(this.database, name);
	}

}
