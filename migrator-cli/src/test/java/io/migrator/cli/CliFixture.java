package io.migrator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.migrator.testsupport.TestDatabase;

/**
 * One test's own schema in the class's fresh database (the URL's {@code currentSchema}),
 * its own migrations directory, and a way to run the CLI against both.
 */
final class CliFixture {

	private static final AtomicInteger schemas = new AtomicInteger();

	private final TestDatabase database;

	private final Path directory;

	private final String schema;

	CliFixture(TestDatabase database, Path directory) {
		this.database = database;
		this.directory = directory;
		this.schema = "cli_test_" + schemas.incrementAndGet();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + this.schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	TestDatabase database() {
		return this.database;
	}

	Path directory() {
		return this.directory;
	}

	String schema() {
		return this.schema;
	}

	/**
	 * Returns the JDBC URL of this test's schema.
	 * @return the URL with {@code currentSchema}
	 */
	String url() {
		String url = this.database.jdbcUrl();
		return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + this.schema;
	}

	/**
	 * Runs the CLI with the connection and directory options first, then {@code args}.
	 * @param args the command and its options
	 * @return the run
	 */
	CliRun run(String... args) {
		List<String> all = new ArrayList<>(connectionOptions());
		all.addAll(List.of(args));
		return CliRun.of(all.toArray(String[]::new));
	}

	List<String> connectionOptions() {
		List<String> options = new ArrayList<>(List.of("--url", url(), "--user", this.database.user()));
		if (!this.database.password().isEmpty()) {
			options.addAll(List.of("--password", this.database.password()));
		}
		options.addAll(List.of("--dir", this.directory.toString()));
		return options;
	}

	Map<String, String> environment() {
		return Map.of(CliSettings.ENV_URL, url(), CliSettings.ENV_USER, this.database.user(),
				CliSettings.ENV_PASSWORD, this.database.password(), CliSettings.ENV_DIR, this.directory.toString());
	}

	CliFixture write(String fileName, String content) {
		try {
			Files.writeString(this.directory.resolve(fileName), content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	/**
	 * Writes a goose migration that creates (and on Down drops) one table.
	 * @param version the version prefix as written, e.g. {@code 00001}
	 * @param table the table
	 * @return this fixture
	 */
	CliFixture table(String version, String table) {
		return write(version + "_create_" + table + ".sql", "-- +goose Up\nCREATE TABLE " + table
				+ " (id int);\n\n-- +goose Down\nDROP TABLE " + table + ";\n");
	}

	void execute(String... sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	List<String> column(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	boolean tableExists(String table) {
		return column("SELECT to_regclass('" + this.schema + "." + table + "')::text").get(0) != null;
	}

	List<String> appliedVersions() {
		return column("SELECT version FROM " + this.schema + ".migrator_history ORDER BY version");
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), this.database.user(), this.database.password());
	}

}
