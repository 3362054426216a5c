package io.migrator.boot.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.migrator.testsupport.TestDatabase;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Reads and sets up the state of one schema of a test database. Each test works in its own
 * schema, so tests of one class (sharing one database) do not see each other.
 */
final class DatabaseState {

	private final TestDatabase database;

	private final String schema;

	DatabaseState(TestDatabase database, String schema) {
		this.database = database;
		this.schema = schema;
		// The DataSource URL selects the schema; it must exist before the first connection.
		execute("CREATE SCHEMA IF NOT EXISTS " + schema);
	}

	/**
	 * Properties pointing the application's DataSource and migrator at this schema.
	 */
	String[] properties(String location) {
		return new String[] { "spring.datasource.url=" + url(), "spring.datasource.username=" + this.database.user(),
				"spring.datasource.password=" + this.database.password(), "migrator.schema=" + this.schema,
				"migrator.locations=classpath:db/boot-tests/" + location };
	}

	String schema() {
		return this.schema;
	}

	DataSource dataSource() {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), url(), this.database.user(),
				this.database.password());
	}

	String url() {
		return this.database.jdbcUrl() + "?currentSchema=" + this.schema;
	}

	List<Long> appliedVersions() {
		return longs("SELECT version FROM " + this.schema + ".migrator_history ORDER BY version");
	}

	boolean tableExists(String table) {
		return !longs("SELECT 1 FROM information_schema.tables WHERE table_schema = '" + this.schema
				+ "' AND table_name = '" + table + "'").isEmpty();
	}

	void execute(String sql) {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("SET search_path TO " + this.schema);
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	List<Long> longs(String sql) {
		try (Connection connection = this.database.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<Long> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getLong(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
