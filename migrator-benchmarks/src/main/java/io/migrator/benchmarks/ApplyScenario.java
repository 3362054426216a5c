package io.migrator.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 2: apply N migrations to an empty database, a fresh database for every run,
 * the two tools taking turns.
 */
final class ApplyScenario {

	private final Server server;

	private final Report report;

	private final Table table = new Table("N", "delay each way", "tool", "wall ms, median (min–max)", "runs",
			"round trips after open", "round trips per migration", "statements after open",
			"connections (open round trips)", "Flyway/migrator");

	private final Map<String, List<String>> firstStatements = new LinkedHashMap<>();

	private int counter;

	ApplyScenario(Server server, Report report) {
		this.server = server;
		this.report = report;
	}

	/**
	 * Measures one N at one delay.
	 * @param repetitions runs per tool; 0 skips a tool
	 */
	Map<Tool, List<Run>> measure(int n, Duration delay, Map<Tool, Integer> repetitions) {
		Path files = MigrationFiles.tempDirectory("bench-apply");
		Map<Tool, List<Run>> runs = new EnumMap<>(Tool.class);
		try {
			Map<Tool, Path> directories = new EnumMap<>(Tool.class);
			for (Tool tool : Tool.values()) {
				directories.put(tool, tool.files(files, n));
				runs.put(tool, new ArrayList<>());
			}
			int most = repetitions.values().stream().mapToInt(Integer::intValue).max().orElse(0);
			for (int rep = 0; rep < most; rep++) {
				for (Tool tool : Tool.values()) {
					if (rep < repetitions.getOrDefault(tool, 0)) {
						runs.get(tool).add(once(tool, directories.get(tool), delay));
					}
				}
			}
		}
		finally {
			MigrationFiles.deleteRecursively(files);
		}
		Double migrator = runs.get(Tool.MIGRATOR).isEmpty() ? null : Table.median(runs.get(Tool.MIGRATOR));
		for (Tool tool : Tool.values()) {
			List<Run> toolRuns = runs.get(tool);
			if (toolRuns.isEmpty()) {
				continue;
			}
			long roundTrips = toolRuns.get(0).work().roundTrips();
			this.table.row(String.format("%,d", n), delay.toMillis() + " ms", tool.label(), Table.wall(toolRuns),
					toolRuns.size(), Table.count(toolRuns, (r) -> r.work().roundTrips()),
					String.format("%.2f", (double) roundTrips / n), Table.count(toolRuns, (r) -> r.work().statements()),
					Table.count(toolRuns, (r) -> r.total().connections()) + " ("
							+ Table.count(toolRuns, (r) -> r.opening().roundTrips()) + ")",
					(tool == Tool.FLYWAY && migrator != null) ? Table.ratio(Table.median(toolRuns), migrator) : "");
			this.firstStatements.putIfAbsent(tool.label(), toolRuns.get(0).statements());
		}
		this.report.progress("apply N=%d at %d ms done", n, delay.toMillis());
		return runs;
	}

	/** An untimed small apply per tool, so class loading and JIT do not land in the first timed run. */
	void warmUp() {
		Path files = MigrationFiles.tempDirectory("bench-warmup");
		try {
			for (Tool tool : Tool.values()) {
				once(tool, tool.files(files, 20), Duration.ZERO);
			}
		}
		finally {
			MigrationFiles.deleteRecursively(files);
		}
	}

	void addRow(Object... cells) {
		this.table.row(cells);
	}

	Table table() {
		return this.table;
	}

	/** The statements of the first run of each tool, the first {@code limit} of them. */
	String statementsSample(int limit) {
		StringBuilder out = new StringBuilder();
		this.firstStatements.forEach((tool, sqls) -> {
			out.append("**").append(tool).append("**, the first ").append(Math.min(limit, sqls.size()))
				.append(" statements on the wire (connection opening included):\n\n```\n");
			sqls.stream().limit(limit).forEach((sql) -> out.append(sql).append('\n'));
			out.append("```\n\n");
		});
		return out.toString();
	}

	private Run once(Tool tool, Path directory, Duration delay) {
		String database = this.server.createDatabase(tool.name().toLowerCase() + "_apply_" + (++this.counter));
		try {
			return Run.measure(this.server, database, tool, directory, delay);
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

}
