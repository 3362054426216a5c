package io.migrator.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.migrator.core.ErrorCode;
import io.migrator.core.LegacyTracker;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;

/**
 * Reads which versions another tool applied, and when, from that tool's own history
 * table; and tells whether a database without migrator's history is managed by such a
 * tool, so that {@code up} does not re-run what that tool already applied.
 */
final class LegacyImporter {

	/**
	 * The tools whose tables are unambiguous enough to refuse {@code up} on: golang-migrate's
	 * {@code schema_migrations} is also Rails' table, so its presence proves nothing.
	 */
	private static final List<LegacyTracker> DETECTED = List.of(LegacyTracker.GOOSE, LegacyTracker.FLYWAY);

	private final Dialect dialect;

	private final String schema;

	LegacyImporter(Dialect dialect, String schema) {
		this.dialect = dialect;
		this.schema = schema;
	}

	/**
	 * Returns the tool whose history table exists in the history schema, looking only for
	 * tools whose table names nothing else uses. Call only when migrator's own history table
	 * is missing: it costs a round trip per tool.
	 * @param connection a connection in autocommit mode
	 * @return the tool, or {@code null}
	 * @throws SQLException on an error other than a missing table
	 */
	LegacyTracker managingTool(Connection connection) throws SQLException {
		for (LegacyTracker tracker : DETECTED) {
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT 1 FROM " + table(defaultTable(tracker)) + " WHERE 1 = 0")) {
				return tracker;
			}
			catch (SQLException ex) {
				if (!this.dialect.isUndefinedTable(ex)) {
					throw ex;
				}
			}
		}
		return null;
	}

	/**
	 * Reads the versions the tool applied.
	 * @param connection the connection
	 * @param tracker the tool
	 * @param tableName its table, optionally schema-qualified, or {@code null} for its default
	 * @param catalog the sources, for tools that record a single version
	 * @return each applied version with when it was applied ({@code null} when unknown)
	 * @throws SQLException on error
	 */
	TreeMap<Long, Instant> appliedVersions(Connection connection, LegacyTracker tracker, String tableName,
			MigrationCatalog catalog) throws SQLException {
		String qualified = (tableName != null) ? qualifiedByUser(tableName) : table(defaultTable(tracker));
		try {
			return switch (tracker) {
				case GOOSE -> goose(connection, qualified);
				case GOLANG_MIGRATE -> golangMigrate(connection, qualified, catalog);
				case FLYWAY -> flyway(connection, qualified, catalog);
			};
		}
		catch (SQLException ex) {
			if (this.dialect.isUndefinedTable(ex)) {
				throw new MigratorException(ErrorCode.HISTORY_FAILED,
						"Cannot adopt from " + tracker + ": its table "
								+ ((tableName != null) ? tableName : defaultTable(tracker))
								+ " does not exist. Check the tool, the database, the schema and the table name "
								+ "(--table NAME when the tool used another one).",
						ex);
			}
			throw ex;
		}
	}

	private TreeMap<Long, Instant> goose(Connection connection, String table) throws SQLException {
		// goose appends a row per up and per down; the newest row of a version wins.
		Map<Long, Boolean> latest = new HashMap<>();
		Map<Long, Instant> appliedAt = new HashMap<>();
		String sql = "SELECT version_id, is_applied, tstamp FROM " + table + " ORDER BY id";
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				latest.put(rows.getLong(1), rows.getBoolean(2));
				appliedAt.put(rows.getLong(1), instant(rows.getTimestamp(3)));
			}
		}
		TreeMap<Long, Instant> applied = new TreeMap<>();
		latest.forEach((version, isApplied) -> {
			if (isApplied && version > 0) {
				applied.put(version, appliedAt.get(version));
			}
		});
		return applied;
	}

	private TreeMap<Long, Instant> golangMigrate(Connection connection, String table, MigrationCatalog catalog)
			throws SQLException {
		String sql = "SELECT version, dirty FROM " + table;
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
		// golang-migrate tracks one number and no time: every version up to it is applied.
		return upTo(catalog, version, null);
	}

	/**
	 * Replays Flyway's history in rank order: a successful versioned row applies its
	 * version, a baseline applies everything up to it, an undo row or a {@code DELETE} row
	 * (what {@code flyway repair} writes for a removed migration) takes the version back.
	 * A failed row is refused, as golang-migrate's dirty flag is: Flyway itself refuses to
	 * migrate until {@code flyway repair} removed it.
	 */
	private TreeMap<Long, Instant> flyway(Connection connection, String table, MigrationCatalog catalog)
			throws SQLException {
		String sql = "SELECT version, type, success, installed_on, script FROM " + table
				+ " WHERE version IS NOT NULL ORDER BY installed_rank";
		TreeMap<Long, Instant> applied = new TreeMap<>();
		List<String> failed = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				long version = flywayVersion(rows.getString(1));
				String type = rows.getString(2).trim().toUpperCase(java.util.Locale.ROOT);
				Instant installedOn = instant(rows.getTimestamp(4));
				if (!rows.getBoolean(3)) {
					failed.add("version " + version + " (" + rows.getString(5) + ")");
				}
				else if (type.startsWith("UNDO_") || type.equals("DELETE")) {
					applied.remove(version);
				}
				else if (type.equals("BASELINE")) {
					applied.putAll(upTo(catalog, version, installedOn));
				}
				else {
					applied.put(version, installedOn);
				}
			}
		}
		if (!failed.isEmpty()) {
			throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot adopt from Flyway: "
					+ "flyway_schema_history records failed migrations: " + String.join(", ", failed)
					+ ". Flyway itself refuses to go on from there. Fix the schema by hand, run 'flyway repair' to "
					+ "remove the failed rows, and adopt again.");
		}
		return applied;
	}

	private static long flywayVersion(String text) {
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot adopt from Flyway: version '" + text
					+ "' is not a whole number, and migrator versions are 64-bit integers. "
					+ "Renumber the migrations and their history rows first.");
		}
	}

	private static TreeMap<Long, Instant> upTo(MigrationCatalog catalog, long version, Instant appliedAt) {
		TreeMap<Long, Instant> versions = new TreeMap<>();
		for (MigrationSource source : catalog.sources()) {
			if (source.version() <= version) {
				versions.put(source.version(), appliedAt);
			}
		}
		return versions;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private String table(String name) {
		return this.dialect.qualify(this.schema, name);
	}

	/**
	 * Quotes a table name the user gave, {@code table} or {@code schema.table}, as goose's
	 * {@code -table} accepts both; each part must be a plain identifier.
	 */
	private String qualifiedByUser(String name) {
		String[] parts = name.split("\\.", -1);
		for (String part : parts) {
			if (!part.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
				throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "The table to adopt from must be NAME or "
						+ "SCHEMA.NAME made of letters, digits and underscores, but was '" + name + "'");
			}
		}
		if (parts.length > 2) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION,
					"The table to adopt from must be NAME or SCHEMA.NAME, but was '" + name + "'");
		}
		// Unquoted names fold to lower case in PostgreSQL; goose creates its table unquoted.
		String table = parts[parts.length - 1].toLowerCase(java.util.Locale.ROOT);
		return (parts.length == 2) ? this.dialect.qualify(parts[0].toLowerCase(java.util.Locale.ROOT), table)
				: table(table);
	}

	private static String defaultTable(LegacyTracker tracker) {
		return switch (tracker) {
			case GOOSE -> "goose_db_version";
			case GOLANG_MIGRATE -> "schema_migrations";
			case FLYWAY -> "flyway_schema_history";
		};
	}

}
