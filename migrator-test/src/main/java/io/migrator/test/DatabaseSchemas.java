package io.migrator.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.migrator.core.MigratorConfiguration;
import io.migrator.core.snapshot.ObjectKind;
import io.migrator.core.snapshot.SchemaDiff;
import io.migrator.core.snapshot.SchemaSnapshot;
import io.migrator.core.snapshot.SnapshotOptions;

/**
 * Snapshots of every schema of a database that is not PostgreSQL's own, without the
 * migrator's history and lock tables: what the kit's assertions compare, since a migration
 * may create or drop whole schemas, not only objects in the history table's schema.
 */
final class DatabaseSchemas {

	private static final String USER_SCHEMAS = "SELECT nspname FROM pg_catalog.pg_namespace "
			+ "WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' ORDER BY nspname";

	private final Map<String, SchemaSnapshot> snapshots;

	private final String historySchema;

	private DatabaseSchemas(Map<String, SchemaSnapshot> snapshots, String historySchema) {
		this.snapshots = snapshots;
		this.historySchema = historySchema;
	}

	/**
	 * Reads every user schema of the migrator's database.
	 * @param configuration the migrator's configuration: its data source and the tables to
	 * leave out
	 * @return the snapshots
	 */
	static DatabaseSchemas read(MigratorConfiguration configuration) {
		SnapshotOptions options = SnapshotOptions.defaults()
			.excludingTables(configuration.history().table(), configuration.history().lockTable());
		Map<String, SchemaSnapshot> snapshots = new TreeMap<>();
		try (Connection connection = configuration.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet schemas = statement.executeQuery(USER_SCHEMAS)) {
			Set<String> names = new TreeSet<>();
			while (schemas.next()) {
				names.add(schemas.getString(1));
			}
			for (String name : names) {
				snapshots.put(name, SchemaSnapshot.read(connection, name, options));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the schemas of the migrator's database: " + ex.getMessage(),
					ex);
		}
		return new DatabaseSchemas(snapshots, configuration.history().schema());
	}

	/** How to read {@link #differencesTo(DatabaseSchemas)}; a changed object's expected value is the earlier one. */
	static final String LEGEND = "(+ only after, - only before, ~ changed from expected, before, to actual, after)";

	/**
	 * Describes how {@code actual} differs from this state, schema by schema, one line per
	 * object as {@link #LEGEND} explains.
	 * @param actual the later state
	 * @return the differences, or {@code null} when there are none
	 */
	String differencesTo(DatabaseSchemas actual) {
		StringBuilder report = new StringBuilder();
		Set<String> names = new TreeSet<>(this.snapshots.keySet());
		names.addAll(actual.snapshots.keySet());
		for (String name : names) {
			SchemaSnapshot before = this.snapshots.get(name);
			SchemaSnapshot after = actual.snapshots.get(name);
			if (isBareHistorySchema(name, before, after)) {
				// The migrator creates it for its history table on the first run; no migration does.
				continue;
			}
			if (before == null) {
				report.append("+ schema ").append(name).append(" (new, with ").append(objects(after)).append(")\n");
			}
			else if (after == null) {
				report.append("- schema ").append(name).append(" (gone, with ").append(objects(before)).append(")\n");
			}
			else {
				SchemaDiff diff = SchemaDiff.between(before, after);
				if (!diff.isEmpty()) {
					report.append("in schema ").append(name).append(":\n");
					diff.differences().forEach((difference) -> report.append(difference.toText()));
				}
			}
		}
		return (report.length() > 0) ? report.toString() : null;
	}

	/**
	 * Whether a schema is the history table's, on one side only and holding nothing but
	 * itself (its history and lock tables are left out).
	 */
	private boolean isBareHistorySchema(String name, SchemaSnapshot before, SchemaSnapshot after) {
		if (!name.equals(this.historySchema) || (before != null && after != null)) {
			return false;
		}
		SchemaSnapshot present = (before != null) ? before : after;
		return present.objects().stream().allMatch((object) -> object.kind() == ObjectKind.SCHEMA);
	}

	private static String objects(SchemaSnapshot snapshot) {
		int count = snapshot.objects().size();
		return count + ((count == 1) ? " object" : " objects");
	}

	/**
	 * Returns every schema's text form, for an IDE's expected/actual comparison.
	 * @return the text
	 */
	String toText() {
		StringBuilder text = new StringBuilder();
		this.snapshots
			.forEach((name, snapshot) -> text.append("schema ").append(name).append('\n').append(snapshot.toText()));
		return text.toString();
	}

}
