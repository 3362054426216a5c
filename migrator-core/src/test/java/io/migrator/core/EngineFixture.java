package io.migrator.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.migrator.testsupport.TestDatabase;
import io.migrator.testsupport.TestPostgres;

/**
 * A fresh database and a migration directory. Registered with {@code @RegisterExtension}
 * it gives every test its own, gone after the test; created with a name and directory it
 * is one more database for a test that needs several, closed by that test. Public for the
 * tests that sit next to the internal class they test (internal.lock).
 */
public final class EngineFixture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

	private TestDatabase database;

	private Path directory;

	public EngineFixture() {
	}

	public EngineFixture(String name, Path directory) {
		this.database = TestPostgres.get().createDatabase(name);
		this.directory = directory;
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		this.directory = Files.createTempDirectory("migrations");
		this.database = TestPostgres.get().createDatabase(context.getRequiredTestMethod().getName());
	}

	@Override
	public void close() {
		this.database.close();
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		this.database.close();
		try (var paths = Files.walk(this.directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	public TestDatabase database() {
		return this.database;
	}

	public Path directory() {
		return this.directory;
	}

	public EngineFixture write(String fileName, String content) {
		try {
			Files.writeString(this.directory.resolve(fileName), content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	public void delete(String fileName) throws IOException {
		Files.delete(this.directory.resolve(fileName));
	}

	public MigratorBuilder builder() {
		return Migrator.builder()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.directory)
			.useEnvironmentVariables(false);
	}

	public Migrator migrator() {
		return builder().build();
	}

	public List<String> query(String sql) {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			List<String> rows = new ArrayList<>();
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns; i++) {
					row.append((i > 1) ? "|" : "").append(result.getString(i));
				}
				rows.add(row.toString());
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	public void execute(String sql) {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	public boolean tableExists(String table) {
		return !query("SELECT 1 FROM information_schema.tables WHERE table_name = '" + table + "'").isEmpty();
	}

	public List<String> history() {
		return query("SELECT version || ':' || state FROM migrator_history ORDER BY version");
	}

	/**
	 * Describes the user-visible schema (tables, columns, indexes, functions), to compare
	 * the schema before and after a round trip of migrations.
	 */
	public List<String> schemaShape() {
		List<String> shape = new ArrayList<>(query("SELECT table_name || '.' || column_name || ':' || data_type "
				+ "FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrator_history' "
				+ "ORDER BY 1"));
		shape.addAll(query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' "
				+ "AND tablename <> 'migrator_history' ORDER BY 1"));
		shape.addAll(query("SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
				+ "WHERE n.nspname = 'public' ORDER BY 1"));
		return shape;
	}

}
