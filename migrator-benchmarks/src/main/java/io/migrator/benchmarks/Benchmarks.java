package io.migrator.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmarks of BENCHMARKS.md and prints a Markdown report.
 *
 * <pre>
 * java -jar migrator-benchmarks/target/migrator-benchmarks.jar [--url jdbc:postgresql://127.0.0.1:5432/postgres]
 *     [--user postgres] [--password ''] [--scenarios noop,warm,apply,startup,startup-jar,cold,tenants,seed,snapshot]
 *     [--reps 5]
 *     [--noop-n 100,1000,10000] [--warm-n 10000] [--warm-calls 30] [--apply-n 1000] [--delay-ms 25] [--delayed-apply-n 100] [--delayed-reps 3]
 *     [--startup-n 200] [--startup-reps 21] [--startup-delayed-reps 3] [--startup-libs target/startup]
 *     [--startup-jar-n 100,10000] [--cold-n 100,10000] [--cold-reps 5] [--cold-warm-calls 10]
 *     [--tenants 200] [--tenant-n 100] [--tenant-parallelism 4]
 *     [--seed-mb 200] [--seed-flyway true] [--snapshot-tables 500] [--out results.md]
 * </pre>
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
			// one INFO line per migration from either tool would drown the report
			System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		}
		Map<String, String> options = options(args);
		Server server = new Server(options.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
				options.getOrDefault("user", "postgres"), options.getOrDefault("password", ""));
		Set<String> scenarios = Set.of(options.getOrDefault("scenarios", "noop,warm,apply,startup,startup-jar,cold,tenants,seed,snapshot").split(","));
		int reps = Integer.parseInt(options.getOrDefault("reps", "5"));
		Duration delay = Duration.ofMillis(Long.parseLong(options.getOrDefault("delay-ms", "25")));
		String out = options.get("out");
		Report report = new Report((out != null) ? Path.of(out) : null);

		report.section("Machine", machine(server));
		if (scenarios.contains("noop")) {
			new NoOpScenario(server, report).run(ints(options.getOrDefault("noop-n", "100,1000,10000")),
					List.of(new NoOpScenario.Variant(Duration.ZERO, null), new NoOpScenario.Variant(delay, null),
							new NoOpScenario.Variant(delay, "15")), reps);
		}
		if (scenarios.contains("warm")) {
			new WarmNoOpScenario(server, report).run(ints(options.getOrDefault("warm-n", "10000")),
					Integer.parseInt(options.getOrDefault("warm-calls", "30")));
		}
		if (scenarios.contains("apply")) {
			apply(server, report, Integer.parseInt(options.getOrDefault("apply-n", "1000")),
					Integer.parseInt(options.getOrDefault("delayed-apply-n", "100")),
					Integer.parseInt(options.getOrDefault("delayed-reps", "3")), reps, delay);
		}
		if (scenarios.contains("startup")) {
			Path libraries = options.containsKey("startup-libs") ? Path.of(options.get("startup-libs")) : null;
			new StartupScenario(server, report, libraries).run(Integer.parseInt(options.getOrDefault("startup-n", "200")),
					Integer.parseInt(options.getOrDefault("startup-reps", "21")), delay,
					Integer.parseInt(options.getOrDefault("startup-delayed-reps", "3")));
		}
		if (scenarios.contains("startup-jar")) {
			Path libraries = options.containsKey("startup-libs") ? Path.of(options.get("startup-libs")) : null;
			new StartupScenario(server, report, libraries).runClasspath(
					ints(options.getOrDefault("startup-jar-n", "100,10000")),
					Integer.parseInt(options.getOrDefault("startup-reps", "21")));
		}
		if (scenarios.contains("cold")) {
			new ColdNoOpScenario(server, report).run(ints(options.getOrDefault("cold-n", "100,10000")),
					Integer.parseInt(options.getOrDefault("cold-reps", "5")),
					Integer.parseInt(options.getOrDefault("cold-warm-calls", "10")));
		}
		if (scenarios.contains("tenants")) {
			new TenantScenario(server, report).run(Integer.parseInt(options.getOrDefault("tenants", "200")),
					Integer.parseInt(options.getOrDefault("tenant-n", "100")), reps,
					Integer.parseInt(options.getOrDefault("tenant-parallelism", "4")));
		}
		if (scenarios.contains("seed")) {
			new SeedScenario(server, report).run(Integer.parseInt(options.getOrDefault("seed-mb", "200")),
					Boolean.parseBoolean(options.getOrDefault("seed-flyway", "true")));
		}
		if (scenarios.contains("snapshot")) {
			new SnapshotScenario(server, report).run(Integer.parseInt(options.getOrDefault("snapshot-tables", "500")),
					reps);
		}
	}

	private static void apply(Server server, Report report, int n, int delayedN, int delayedReps, int reps,
			Duration delay) {
		ApplyScenario scenario = new ApplyScenario(server, report);
		scenario.warmUp();
		Map<Tool, List<Run>> loopback = scenario.measure(n, Duration.ZERO, Map.of(Tool.MIGRATOR, reps, Tool.FLYWAY, reps));
		if (!delay.isZero()) {
			scenario.measure(delayedN, delay, Map.of(Tool.MIGRATOR, delayedReps, Tool.FLYWAY, delayedReps));
			Map<Tool, List<Run>> delayed = scenario.measure(n, delay, Map.of(Tool.MIGRATOR, delayedReps));
			// Round trips are exact, so N at a delay is predictable: loopback time + round trips x 2 x delay.
			double perRoundTrip = 2.0 * delay.toMillis();
			double migratorEstimate = Table.median(loopback.get(Tool.MIGRATOR))
					+ loopback.get(Tool.MIGRATOR).get(0).total().roundTrips() * perRoundTrip;
			double flywayEstimate = Table.median(loopback.get(Tool.FLYWAY))
					+ loopback.get(Tool.FLYWAY).get(0).total().roundTrips() * perRoundTrip;
			scenario.addRow(String.format("%,d", n), delay.toMillis() + " ms", Tool.FLYWAY.label(),
					"**estimate** " + Table.ms(flywayEstimate) + " (not run: loopback median + all "
							+ String.format("%,d", loopback.get(Tool.FLYWAY).get(0).total().roundTrips())
							+ " round trips × " + Table.ms(perRoundTrip) + " ms)",
					0, "", "", "", "", Table.ratio(flywayEstimate, Table.median(delayed.get(Tool.MIGRATOR)))
							+ " (estimate)");
			scenario.addRow("", "", "(check of the model)", "migrator estimated the same way: " + Table.ms(migratorEstimate)
					+ " vs measured " + Table.ms(Table.median(delayed.get(Tool.MIGRATOR))), "", "", "", "", "", "");
		}
		report.section("2. Apply N migrations to an empty database", scenario.table().toString());
		report.section("2a. Apply statements", scenario.statementsSample(40));
	}

	private static String machine(Server server) {
		Runtime runtime = Runtime.getRuntime();
		return new Table("what", "value").row("CPUs", runtime.availableProcessors())
			.row("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
					+ System.getProperty("os.arch"))
			.row("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
			.row("max heap", runtime.maxMemory() / (1024 * 1024) + " MiB")
			.row("PostgreSQL", server.serverVersion() + " at " + server.host() + ":" + server.port())
			.row("PgJDBC", Versions.pgjdbc())
			.row("Flyway", Versions.flyway())
			.toString();
	}

	private static List<Integer> ints(String csv) {
		return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected --name value pairs, got " + Arrays.toString(args));
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return options;
	}

}
