package io.migrator.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import io.migrator.core.ErrorCode;
import io.migrator.core.LegacyTracker;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;

/**
 * Reads which versions another tool applied, from that tool's own history table.
 */
final class LegacyImporter {

	private final Dialect dialect;

	private final String schema;

	LegacyImporter(Dialect dialect, String schema) {
		this.dialect = dialect;
		this.schema = schema;
	}

	TreeSet<Long> appliedVersions(Connection connection, LegacyTracker tracker, MigrationCatalog catalog)
			throws SQLException {
		try {
			return switch (tracker) {
				case GOOSE -> goose(connection);
				case GOLANG_MIGRATE -> golangMigrate(connection, catalog);
				case FLYWAY -> flyway(connection, catalog);
			};
		}
		catch (SQLException ex) {
			if (this.dialect.isUndefinedTable(ex)) {
				throw new MigratorException(ErrorCode.HISTORY_FAILED, "Cannot adopt from " + tracker + ": its table "
						+ tableOf(tracker) + " does not exist. Check the tool, the database and the schema.", ex);
			}
			throw ex;
		}
	}

	private TreeSet<Long> goose(Connection connection) throws SQLException {
		// goose appends a row per up and per down; the newest row of a version wins.
		Map<Long, Boolean> latest = new HashMap<>();
		String sql = "SELECT version_id, is_applied FROM " + table("goose_db_version") + " ORDER BY id";
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				latest.put(rows.getLong(1), rows.getBoolean(2));
			}
		}
		TreeSet<Long> applied = new TreeSet<>();
		latest.forEach((version, isApplied) -> {
			if (isApplied && version > 0) {
				applied.add(version);
			}
		});
		return applied;
	}

	private TreeSet<Long> golangMigrate(Connection connection, MigrationCatalog catalog) throws SQLException {
		String sql = "SELECT version, dirty FROM " + table("schema_migrations");
		long version = 0;
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			if (rows.next()) {
				version = rows.getLong(1);
				if (rows.getBoolean(2)) {
					throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot adopt from golang-migrate: "
							+ "schema_migrations is dirty at version " + version + " (a migration failed half-way). "
							+ "Fix the schema by hand, then run 'migrate force " + version + "' (or the version "
							+ "before it) to clear the dirty flag, and adopt again.");
				}
			}
		}
		// golang-migrate tracks one number: every version up to it is applied.
		return upTo(catalog, version);
	}

	private TreeSet<Long> flyway(Connection connection, MigrationCatalog catalog) throws SQLException {
		String sql = "SELECT version, type FROM " + table("flyway_schema_history")
				+ " WHERE success AND version IS NOT NULL ORDER BY installed_rank";
		TreeSet<Long> applied = new TreeSet<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				String text = rows.getString(1);
				long version;
				try {
					version = Long.parseLong(text.trim());
				}
				catch (NumberFormatException ex) {
					throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot adopt from Flyway: version '"
							+ text + "' is not a whole number, and migrator versions are 64-bit integers. "
							+ "Renumber the migrations and their history rows first.");
				}
				if ("BASELINE".equalsIgnoreCase(rows.getString(2))) {
					applied.addAll(upTo(catalog, version));
				}
				else if (!"DELETE".equalsIgnoreCase(rows.getString(2))) {
					applied.add(version);
				}
			}
		}
		return applied;
	}

	private static TreeSet<Long> upTo(MigrationCatalog catalog, long version) {
		TreeSet<Long> versions = new TreeSet<>();
		for (MigrationSource source : catalog.sources()) {
			if (source.version() <= version) {
				versions.add(source.version());
			}
		}
		return versions;
	}

	private String table(String name) {
		return this.dialect.qualify(this.schema, name);
	}

	private static String tableOf(LegacyTracker tracker) {
		return switch (tracker) {
			case GOOSE -> "goose_db_version";
			case GOLANG_MIGRATE -> "schema_migrations";
			case FLYWAY -> "flyway_schema_history";
		};
	}

}
