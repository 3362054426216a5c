package io.migrator.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 5: the CLI's no-op, each run a fresh JVM at JVM defaults, as a command-line
 * tool starts: the first no-op (cold: class loading, interpretation, a cold page cache
 * only on the very first run), then warm no-ops in the same JVM, and the peak resident
 * memory of the whole process. Direct connection, no proxy.
 */
final class ColdNoOpScenario {

	private static final Pattern RESULT = Pattern
		.compile("RESULT jvmToFirstMs=([0-9.]+) firstCallMs=([0-9.]+) warmMedianMs=([0-9.-]+) peakRssKiB=(-?\\d+)");

	private final Server server;

	private final Report report;

	ColdNoOpScenario(Server server, Report report) {
		this.server = server;
		this.report = report;
	}

	void run(List<Integer> counts, int repetitions, int warmCalls) {
		Table table = new Table("N", "tool", "JVM start → first no-op done, ms, median (min–max)",
				"first no-op call, ms, median", "warm no-op (median of " + warmCalls + " per JVM), ms, median of JVMs",
				"peak RSS (VmHWM), MiB, median (min–max)", "JVMs");
		Path files = MigrationFiles.tempDirectory("bench-cold");
		try {
			for (int n : counts) {
				Map<Tool, String> databases = new EnumMap<>(Tool.class);
				Map<Tool, Path> directories = new EnumMap<>(Tool.class);
				try {
					for (Tool tool : Tool.values()) {
						directories.put(tool, tool.files(files, n));
						databases.put(tool, this.server.createDatabase(tool.name().toLowerCase() + "_cold_" + n));
						tool.prepare(this.server.direct(databases.get(tool)), directories.get(tool)).run();
					}
					Map<Tool, List<double[]>> runs = new EnumMap<>(Tool.class);
					for (int rep = 0; rep < repetitions; rep++) {
						for (Tool tool : Tool.values()) {
							runs.computeIfAbsent(tool, (t) -> new ArrayList<>())
								.add(child(tool, databases.get(tool), directories.get(tool), warmCalls));
						}
					}
					for (Tool tool : Tool.values()) {
						List<double[]> toolRuns = runs.get(tool);
						table.row(String.format("%,d", n), tool.label(), spread(toolRuns, 0),
								Table.ms(median(toolRuns, 1)), Table.ms(median(toolRuns, 2)),
								String.format("%,.0f (%,.0f–%,.0f)", median(toolRuns, 3) / 1024,
										toolRuns.stream().mapToDouble((r) -> r[3]).min().orElse(0) / 1024,
										toolRuns.stream().mapToDouble((r) -> r[3]).max().orElse(0) / 1024),
								toolRuns.size());
					}
					this.report.progress("cold no-op N=%d done", n);
				}
				finally {
					databases.values().forEach(this.server::dropDatabase);
				}
			}
		}
		finally {
			MigrationFiles.deleteRecursively(files);
		}
		this.report.section("5. CLI no-op in a fresh JVM: cold, warm, peak RSS", table.toString());
	}

	private double[] child(Tool tool, String database, Path directory, int warmCalls) {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
				NoOpChild.class.getName(), (tool == Tool.MIGRATOR) ? "migrator" : "flyway",
				this.server.jdbcUrl(database), this.server.user(), this.server.password(),
				directory.toAbsolutePath().toString(), Integer.toString(warmCalls));
		try {
			Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
			List<String> output = child.inputReader().lines().toList();
			if (!child.waitFor(5, TimeUnit.MINUTES)) {
				child.destroyForcibly();
			}
			Matcher result = output.stream().map(RESULT::matcher).filter(Matcher::find).findFirst()
				.orElseThrow(() -> new IllegalStateException(tool.label() + " child failed (exit " + child.exitValue()
						+ "):\n" + String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size()))));
			return new double[] { Double.parseDouble(result.group(1)), Double.parseDouble(result.group(2)),
					Double.parseDouble(result.group(3)), Double.parseDouble(result.group(4)) };
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static double median(List<double[]> runs, int field) {
		double[] sorted = runs.stream().mapToDouble((r) -> r[field]).sorted().toArray();
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	private static String spread(List<double[]> runs, int field) {
		return Table.ms(median(runs, field)) + " (" + Table.ms(runs.stream().mapToDouble((r) -> r[field]).min().orElse(0))
				+ "–" + Table.ms(runs.stream().mapToDouble((r) -> r[field]).max().orElse(0)) + ")";
	}

}
