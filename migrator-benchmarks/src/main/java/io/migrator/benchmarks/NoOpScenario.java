package io.migrator.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1: start with everything applied. For each N, each tool gets its own
 * database, applies the N migrations once (directly, untimed), then migrates again
 * through the proxy, the two tools taking turns, at each delay.
 */
final class NoOpScenario {

	private final Server server;

	private final Report report;

	NoOpScenario(Server server, Report report) {
		this.server = server;
		this.report = report;
	}

	void run(List<Integer> counts, List<Variant> variants, int repetitions) {
		Table table = new Table("N", "delay each way, driver", "tool", "wall ms, median (min–max)", "round trips after open",
				"statements after open", "locking statements", "connections (open round trips)", "Flyway/migrator");
		Map<String, List<String>> statementsAtN = new LinkedHashMap<>();
		Path files = MigrationFiles.tempDirectory("bench-noop");
		try {
			for (int n : counts) {
				Map<Tool, String> databases = new EnumMap<>(Tool.class);
				Map<Tool, Path> directories = new EnumMap<>(Tool.class);
				try {
					for (Tool tool : Tool.values()) {
						directories.put(tool, tool.files(files, n));
						databases.put(tool, this.server.createDatabase(tool.name().toLowerCase() + "_noop_" + n));
						long started = System.nanoTime();
						tool.prepare(this.server.direct(databases.get(tool)), directories.get(tool)).run();
						this.report.progress("no-op N=%d: %s applied the migrations once in %.1f s", n, tool.label(),
								(System.nanoTime() - started) / 1e9);
						// warm-up, untimed: class loading and JIT for both tools alike
						Run.measure(this.server, databases.get(tool), tool, directories.get(tool), Duration.ZERO);
					}
					for (Variant variant : variants) {
						Duration delay = variant.delay();
						Map<Tool, List<Run>> runs = new EnumMap<>(Tool.class);
						for (int rep = 0; rep < repetitions; rep++) {
							for (Tool tool : Tool.values()) {
								runs.computeIfAbsent(tool, (t) -> new ArrayList<>())
									.add(Run.measure(this.server, databases.get(tool), tool, directories.get(tool),
											delay, variant.assumeMinServerVersion()));
							}
						}
						double migrator = Table.median(runs.get(Tool.MIGRATOR));
						for (Tool tool : Tool.values()) {
							List<Run> toolRuns = runs.get(tool);
							table.row(String.format("%,d", n), variant.label(), tool.label(),
									Table.wall(toolRuns), Table.count(toolRuns, (r) -> r.work().roundTrips()),
									Table.count(toolRuns, (r) -> r.work().statements()),
									Table.count(toolRuns, Run::lockStatements),
									Table.count(toolRuns, (r) -> r.total().connections()) + " ("
											+ Table.count(toolRuns, (r) -> r.opening().roundTrips()) + ")",
									(tool == Tool.FLYWAY) ? Table.ratio(Table.median(toolRuns), migrator) : "");
							if (n == counts.get(0) && variant == variants.get(0)) {
								statementsAtN.put(tool.label() + ", N=" + n, toolRuns.get(0).statements());
							}
						}
						this.report.progress("no-op N=%d, %s done", n, variant.label());
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
		this.report.section("1. No-op start (everything applied)", table.toString());
		StringBuilder statements = new StringBuilder();
		statementsAtN.forEach((run, sqls) -> {
			statements.append("**").append(run).append("**, every statement on the wire in order (connection ")
				.append("opening included):\n\n```\n");
			sqls.forEach((sql) -> statements.append(sql).append('\n'));
			statements.append("```\n\n");
		});
		this.report.section("1a. No-op statements", statements.toString());
	}

	/**
	 * How the connections are made.
	 * @param delay the delay each way
	 * @param assumeMinServerVersion PgJDBC's {@code assumeMinServerVersion}, or null for the default
	 */
	record Variant(Duration delay, String assumeMinServerVersion) {

		String label() {
			return this.delay.toMillis() + " ms" + ((this.assumeMinServerVersion != null)
					? ", assumeMinServerVersion=" + this.assumeMinServerVersion : ", driver defaults");
		}

	}

}
