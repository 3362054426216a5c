package io.migrator.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.migrator.core.snapshot.SchemaDiff;
import io.migrator.core.snapshot.SchemaSnapshot;
import io.migrator.core.snapshot.SnapshotOptions;

/**
 * Scenario 7: reading a schema snapshot (issue 15) of a schema of N tables, each with
 * columns of several types, defaults, a primary key, a foreign key to the table before it,
 * a check constraint, an index and a comment; and diffing two such snapshots.
 */
final class SnapshotScenario {

	private final Server server;

	private final Report report;

	SnapshotScenario(Server server, Report report) {
		this.server = server;
		this.report = report;
	}

	void run(int tables, int reps) {
		String database = this.server.createDatabase("snapshot");
		try {
			DataSource dataSource = this.server.direct(database);
			long built = System.nanoTime();
			createSchema(dataSource, tables);
			this.report.progress("snapshot: built %d tables in %d ms", tables, (System.nanoTime() - built) / 1_000_000);
			SnapshotOptions options = SnapshotOptions.defaults();
			List<Double> reads = new ArrayList<>();
			List<Double> readsWithOwnersAndGrants = new ArrayList<>();
			List<Double> diffs = new ArrayList<>();
			SchemaSnapshot snapshot = null;
			try (Connection connection = dataSource.getConnection()) {
				// One untimed warm-up of the JIT and the server's catalog caches.
				SchemaSnapshot.read(connection, "public", options);
				for (int rep = 0; rep < reps; rep++) {
					long started = System.nanoTime();
					snapshot = SchemaSnapshot.read(connection, "public", options);
					reads.add((System.nanoTime() - started) / 1e6);
					started = System.nanoTime();
					SchemaSnapshot.read(connection, "public", options.withOwners(true).withGrants(true));
					readsWithOwnersAndGrants.add((System.nanoTime() - started) / 1e6);
					started = System.nanoTime();
					SchemaDiff.between(snapshot, snapshot).isEmpty();
					diffs.add((System.nanoTime() - started) / 1e6);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not connect to the snapshot scenario's database", ex);
			}
			String text = snapshot.toText();
			Table table = new Table("what", "median (ms)", "min–max (ms)");
			table.row("`SchemaSnapshot.read`, defaults", Table.ms(median(reads)), range(reads));
			table.row("`SchemaSnapshot.read`, with owners and grants", Table.ms(median(readsWithOwnersAndGrants)),
					range(readsWithOwnersAndGrants));
			table.row("`SchemaDiff.between` two snapshots of it (in memory)", Table.ms(median(diffs)), range(diffs));
			this.report.section("7. Schema snapshot of " + tables + " tables (" + String.format("%,d",
					snapshot.objects().size()) + " objects, " + String.format("%,d", text.length() / 1024)
					+ " KiB of text; " + reps + " reps on one open connection)", table.toString());
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	private static void createSchema(DataSource dataSource, int tables) {
		StringBuilder ddl = new StringBuilder("CREATE TYPE state AS ENUM ('new', 'open', 'closed');\n");
		for (int i = 1; i <= tables; i++) {
			ddl.append("CREATE TABLE t").append(i).append(" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,")
				.append(" name text NOT NULL DEFAULT '', amount numeric(12, 2) CHECK (amount >= 0),")
				.append(" created_at timestamptz NOT NULL DEFAULT now(), state state DEFAULT 'new', flag boolean,")
				.append(" parent_id bigint").append((i > 1) ? " REFERENCES t" + (i - 1) : "").append(");\n")
				.append("CREATE INDEX t").append(i).append("_name ON t").append(i).append(" (name, created_at);\n")
				.append("COMMENT ON TABLE t").append(i).append(" IS 'table ").append(i).append("';\n");
		}
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(ddl.toString());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not build the snapshot scenario's schema", ex);
		}
	}

	private static double median(List<Double> millis) {
		List<Double> sorted = millis.stream().sorted().toList();
		int mid = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
	}

	private static String range(List<Double> millis) {
		return Table.ms(millis.stream().mapToDouble(Double::doubleValue).min().orElse(0)) + "–"
				+ Table.ms(millis.stream().mapToDouble(Double::doubleValue).max().orElse(0));
	}

}
