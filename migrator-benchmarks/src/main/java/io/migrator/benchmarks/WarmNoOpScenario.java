package io.migrator.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Scenario 1w: the warm no-op of issue 16's target, in this JVM on a direct connection (no
 * counting proxy, whose forwarding of 10,000 history rows scenario 1 includes). Every call
 * builds a new engine, so nothing scanned or hashed by one call is reused by the next: each
 * call does the work of one CLI invocation once class loading and JIT compilation are
 * behind it. The first third of the calls warm up; the figures are of the rest.
 */
final class WarmNoOpScenario {

	private final Server server;

	private final Report report;

	WarmNoOpScenario(Server server, Report report) {
		this.server = server;
		this.report = report;
	}

	void run(List<Integer> counts, int calls) {
		int warmUps = calls / 3;
		Table table = new Table("N", "tool", "warm no-op, ms, median (min–max)", "calls measured (after warm-up)",
				"Flyway/migrator");
		Path files = MigrationFiles.tempDirectory("bench-warm");
		try {
			for (int n : counts) {
				Map<Tool, String> databases = new EnumMap<>(Tool.class);
				try {
					Map<Tool, double[]> timings = new EnumMap<>(Tool.class);
					for (Tool tool : Tool.values()) {
						Path directory = tool.files(files, n);
						databases.put(tool, this.server.createDatabase(tool.name().toLowerCase() + "_warm_" + n));
						DataSource dataSource = this.server.direct(databases.get(tool));
						tool.prepare(dataSource, directory).run();
						double[] measured = new double[calls - warmUps];
						for (int call = 0; call < calls; call++) {
							Runnable noOp = tool.prepare(dataSource, directory);
							long started = System.nanoTime();
							noOp.run();
							if (call >= warmUps) {
								measured[call - warmUps] = (System.nanoTime() - started) / 1e6;
							}
						}
						Arrays.sort(measured);
						timings.put(tool, measured);
						this.report.progress("warm no-op N=%d, %s done", n, tool.label());
					}
					double migrator = median(timings.get(Tool.MIGRATOR));
					for (Tool tool : Tool.values()) {
						double[] measured = timings.get(tool);
						table.row(String.format("%,d", n), tool.label(),
								Table.ms(median(measured)) + " (" + Table.ms(measured[0]) + "–"
										+ Table.ms(measured[measured.length - 1]) + ")",
								measured.length + " of " + calls,
								(tool == Tool.FLYWAY) ? Table.ratio(median(measured), migrator) : "");
					}
				}
				finally {
					databases.values().forEach(this.server::dropDatabase);
				}
			}
		}
		finally {
			MigrationFiles.deleteRecursively(files);
		}
		this.report.section("1w. Warm no-op in one JVM, direct connection, a new engine per call", table.toString());
	}

	private static double median(double[] sorted) {
		return sorted[sorted.length / 2];
	}

}
