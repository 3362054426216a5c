package io.migrator.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.migrator.benchmarks.wire.RoundTripProxy;
import io.migrator.benchmarks.wire.WireCounts;

/**
 * Scenario 3: Spring Boot start-up of a minimal web app ({@code io.migrator.benchmarks.startup.StartupApp}) with N
 * applied migrations, with migrator's starter, with Boot's Flyway starter and with
 * neither. Each start is a fresh child JVM on the app's own classpath, copied by the
 * build into {@code target/startup/<app>/}; the apps take turns, after one untimed
 * warm-up each. Timed runs connect to PostgreSQL directly; then a few runs go through the
 * proxy, for the round trips and at a delay.
 */
final class StartupScenario {

	/** By name: the class needs Spring, which is not on the benchmark's own classpath. */
	private static final String APP_CLASS = "io.migrator.benchmarks.startup.StartupApp";

	private static final Pattern RESULT = Pattern
		.compile("STARTUP jvmToReadyMs=([0-9.]+) runToReadyMs=([0-9.]+) cpuMs=([0-9.]+) classes=(\\d+)");

	private final Server server;

	private final Report report;

	private final Path libraries;

	StartupScenario(Server server, Report report, Path libraries) {
		this.server = server;
		this.report = report;
		this.libraries = (libraries != null) ? libraries : defaultLibraries();
	}

	/** {@code target/startup}, next to the benchmark's jar. */
	private static Path defaultLibraries() {
		try {
			Path jar = Path.of(StartupScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return jar.getParent().resolve("startup");
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void run(int n, int repetitions, Duration delay, int delayedRepetitions) {
		for (App app : App.values()) {
			if (!Files.isDirectory(this.libraries.resolve(app.directory))) {
				this.report.section("3. Spring Boot start-up with " + n + " applied migrations",
						"Not run: no " + this.libraries.resolve(app.directory)
								+ " (built by `mvn -pl migrator-benchmarks -am package`; or pass --startup-libs).\n");
				return;
			}
		}
		Path files = MigrationFiles.tempDirectory("bench-startup");
		Map<App, String> databases = new EnumMap<>(App.class);
		try {
			Path goose = MigrationFiles.goose(files, n);
			Path flyway = MigrationFiles.flyway(files, n);
			for (App app : App.values()) {
				databases.put(app, this.server.createDatabase("startup_" + app.name().toLowerCase()));
			}
			Tool.MIGRATOR.prepare(this.server.direct(databases.get(App.MIGRATOR)), goose).run();
			Tool.FLYWAY.prepare(this.server.direct(databases.get(App.FLYWAY)), flyway).run();
			Map<App, Path> locations = Map.of(App.PLAIN, files, App.PLAIN_CONNECTED, files, App.MIGRATOR, goose,
					App.FLYWAY, flyway);

			for (App app : App.values()) {
				start(app, databases.get(app), locations.get(app), null);
			}
			Map<App, List<Startup>> runs = new EnumMap<>(App.class);
			for (int rep = 0; rep < repetitions; rep++) {
				for (App app : App.values()) {
					runs.computeIfAbsent(app, (a) -> new ArrayList<>())
						.add(start(app, databases.get(app), locations.get(app), null));
				}
				this.report.progress("startup: repetition %d of %d done", rep + 1, repetitions);
			}
			Map<App, List<String>> statements = new EnumMap<>(App.class);
			Map<App, List<Startup>> proxied = new EnumMap<>(App.class);
			Map<App, List<Startup>> delayed = new EnumMap<>(App.class);
			for (int rep = 0; rep < Math.max(1, delayedRepetitions); rep++) {
				for (App app : App.values()) {
					try (RoundTripProxy proxy = RoundTripProxy.start(this.server.host(), this.server.port(), Duration.ZERO)) {
						proxied.computeIfAbsent(app, (a) -> new ArrayList<>())
							.add(start(app, databases.get(app), locations.get(app), proxy));
						statements.putIfAbsent(app, proxy.statements().sequence());
					}
					if (!delay.isZero() && delayedRepetitions > 0) {
						try (RoundTripProxy proxy = RoundTripProxy.start(this.server.host(), this.server.port(), delay)) {
							delayed.computeIfAbsent(app, (a) -> new ArrayList<>())
								.add(start(app, databases.get(app), locations.get(app), proxy));
						}
					}
				}
			}
			this.report.section("3. Spring Boot start-up with " + n + " applied migrations",
					table(runs, proxied, delayed, delay));
			StringBuilder sequences = new StringBuilder();
			statements.forEach((app, sqls) -> {
				sequences.append("**").append(app.label()).append("**, every statement on the wire in order:\n\n```\n");
				sqls.forEach((sql) -> sequences.append(sql).append('\n'));
				sequences.append("```\n\n");
			});
			this.report.section("3a. Start-up statements", "From the first proxied run of each app, all connections "
					+ "interleaved in the order they ran (the later `SET application_name` lines are Hikari filling its "
					+ "pool in the background; the empty line is Hikari's `isValid`, an empty query).\n\n" + sequences);
		}
		finally {
			databases.values().forEach(this.server::dropDatabase);
			MigrationFiles.deleteRecursively(files);
		}
	}

	/**
	 * Wall times, then what each app adds to the plain one: as the difference of the
	 * medians and as the median of the per-round differences (the apps take turns, so each
	 * round is a pair taken under the same load; the paired figure is the steadier one on a
	 * shared machine). Process CPU time is the work done, whatever else runs.
	 */
	private String table(Map<App, List<Startup>> runs, Map<App, List<Startup>> proxied, Map<App, List<Startup>> delayed,
			Duration delay) {
		Table table = new Table("app", "JVM start → ApplicationReadyEvent, ms, median (min–max)",
				"Δ plain: medians", "Δ plain: paired", "Δ plain + connection: paired",
				"SpringApplication.run → ready, ms, median", "process CPU ms at ready, median", "Δ CPU plain: paired",
				"Δ CPU plain + connection: paired", "classes loaded", "runs");
		for (App app : App.values()) {
			List<Startup> appRuns = runs.get(app);
			table.row(app.label(), spread(appRuns, Startup::jvmToReady),
					(app == App.PLAIN) ? "" : plus(median(appRuns, Startup::jvmToReady)
							- median(runs.get(App.PLAIN), Startup::jvmToReady)),
					(app == App.PLAIN) ? "" : plus(paired(appRuns, runs.get(App.PLAIN), Startup::jvmToReady)),
					(app.ordinal() <= App.PLAIN_CONNECTED.ordinal()) ? ""
							: plus(paired(appRuns, runs.get(App.PLAIN_CONNECTED), Startup::jvmToReady)),
					Table.ms(median(appRuns, Startup::runToReady)), Table.ms(median(appRuns, Startup::cpu)),
					(app == App.PLAIN) ? "" : plus(paired(appRuns, runs.get(App.PLAIN), Startup::cpu)),
					(app.ordinal() <= App.PLAIN_CONNECTED.ordinal()) ? ""
							: plus(paired(appRuns, runs.get(App.PLAIN_CONNECTED), Startup::cpu)),
					String.format("%,.0f", median(appRuns, Startup::classes)), appRuns.size());
		}
		StringBuilder out = new StringBuilder(table.toString());
		Table wire = new Table("app", "round trips", "statements", "connections", "runs");
		for (App app : App.values()) {
			List<Startup> counted = proxied.get(app);
			wire.row(app.label(), count(counted, (s) -> s.wire().roundTrips()),
					count(counted, (s) -> s.wire().statements()), count(counted, (s) -> s.wire().connections()),
					counted.size());
		}
		out.append("\nThrough the proxy (no delay), whole child lifetime:\n\n").append(wire);
		if (!delayed.isEmpty()) {
			Table slow = new Table("app", "JVM start → ready at " + delay.toMillis()
					+ " ms each way, ms, median (min–max)", "Δ plain: paired", "Δ plain + connection: paired", "runs",
					"round trips");
			for (App app : App.values()) {
				List<Startup> appRuns = delayed.get(app);
				slow.row(app.label(), spread(appRuns, Startup::jvmToReady),
						(app == App.PLAIN) ? "" : plus(paired(appRuns, delayed.get(App.PLAIN), Startup::jvmToReady)),
						(app.ordinal() <= App.PLAIN_CONNECTED.ordinal()) ? ""
								: plus(paired(appRuns, delayed.get(App.PLAIN_CONNECTED), Startup::jvmToReady)),
						appRuns.size(), count(appRuns, (s) -> s.wire().roundTrips()));
			}
			out.append('\n').append(slow);
		}
		return out.toString();
	}

	/** The median of the differences between runs of the same round. */
	private static double paired(List<Startup> runs, List<Startup> baseline,
			java.util.function.ToDoubleFunction<Startup> value) {
		double[] differences = new double[runs.size()];
		for (int i = 0; i < runs.size(); i++) {
			differences[i] = value.applyAsDouble(runs.get(i)) - value.applyAsDouble(baseline.get(i));
		}
		java.util.Arrays.sort(differences);
		int mid = differences.length / 2;
		return (differences.length % 2 == 1) ? differences[mid] : (differences[mid - 1] + differences[mid]) / 2;
	}

	/**
	 * Scenario 3b: the starter's own case, migrations packed in a jar on the class path
	 * ({@code classpath:db/migrations}), with the build-time index and without it, at each N;
	 * next to the plain app that opens one connection. Same rounds and pairing as scenario 3.
	 */
	void runClasspath(List<Integer> counts, int repetitions) {
		if (!Files.isDirectory(this.libraries.resolve(App.MIGRATOR.directory))) {
			this.report.section("3b. Spring Boot start-up, migrations in a jar", "Not run: no "
					+ this.libraries.resolve(App.MIGRATOR.directory) + ".\n");
			return;
		}
		Path files = MigrationFiles.tempDirectory("bench-startup-jar");
		List<String> databases = new ArrayList<>();
		try {
			List<Launch> launches = new ArrayList<>();
			String reference = this.server.createDatabase("startup_jar_plain");
			databases.add(reference);
			launches.add(new Launch(App.PLAIN_CONNECTED.label(), App.PLAIN_CONNECTED.directory, null,
					App.PLAIN_CONNECTED.arguments(null), reference));
			for (int n : counts) {
				Path goose = MigrationFiles.goose(files, n);
				String database = this.server.createDatabase("startup_jar_" + n);
				databases.add(database);
				Tool.MIGRATOR.prepare(this.server.direct(database), goose).run();
				for (boolean indexed : List.of(true, false)) {
					Path jar = MigrationJars.write(goose, files.resolve("migrations-" + n + "-" + indexed + ".jar"),
							indexed);
					launches.add(new Launch(String.format("migrator starter, N=%,d, ", n)
							+ (indexed ? "with migrator.index" : "no index (jar listed, files hashed)"),
							App.MIGRATOR.directory, jar, List.of("--migrator.locations=classpath:db/migrations"),
							database));
				}
			}
			launches.forEach((launch) -> launch(launch, null));
			List<List<Startup>> runs = new ArrayList<>();
			launches.forEach((launch) -> runs.add(new ArrayList<>()));
			for (int rep = 0; rep < repetitions; rep++) {
				for (int i = 0; i < launches.size(); i++) {
					runs.get(i).add(launch(launches.get(i), null));
				}
				this.report.progress("startup from a jar: repetition %d of %d done", rep + 1, repetitions);
			}
			Table table = new Table("app", "JVM start → ApplicationReadyEvent, ms, median (min–max)",
					"Δ plain + connection: paired", "process CPU ms at ready, median", "Δ CPU plain + connection: paired",
					"classes loaded", "runs");
			for (int i = 0; i < launches.size(); i++) {
				List<Startup> launchRuns = runs.get(i);
				table.row(launches.get(i).label(), spread(launchRuns, Startup::jvmToReady),
						(i == 0) ? "" : plus(paired(launchRuns, runs.get(0), Startup::jvmToReady)),
						Table.ms(median(launchRuns, Startup::cpu)),
						(i == 0) ? "" : plus(paired(launchRuns, runs.get(0), Startup::cpu)),
						String.format("%,.0f", median(launchRuns, Startup::classes)), launchRuns.size());
			}
			this.report.section("3b. Spring Boot start-up, migrations in a jar on the class path", table.toString());
		}
		finally {
			databases.forEach(this.server::dropDatabase);
			MigrationFiles.deleteRecursively(files);
		}
	}

	private Startup start(App app, String database, Path location, RoundTripProxy proxy) {
		return launch(new Launch(app.label(), app.directory, null, app.arguments(location), database), proxy);
	}

	private Startup launch(Launch launch, RoundTripProxy proxy) {
		String host = (proxy != null) ? proxy.host() : this.server.host();
		int port = (proxy != null) ? proxy.port() : this.server.port();
		String classpath = this.libraries.resolve("app") + File.pathSeparator
				+ this.libraries.resolve(launch.directory()).resolve("*")
				+ ((launch.jar() != null) ? File.pathSeparator + launch.jar() : "");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classpath, APP_CLASS,
				"--spring.datasource.url=jdbc:postgresql://" + host + ":" + port + "/" + launch.database()
						+ "?sslmode=disable",
				"--spring.datasource.username=" + this.server.user(),
				"--spring.datasource.password=" + this.server.password(), "--server.port=0"));
		command.addAll(launch.arguments());
		WireCounts before = (proxy != null) ? proxy.counts() : WireCounts.ZERO;
		try {
			Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
			List<String> output = new ArrayList<>();
			try (Stream<String> lines = child.inputReader().lines()) {
				lines.forEach(output::add);
			}
			if (!child.waitFor(5, TimeUnit.MINUTES)) {
				child.destroyForcibly();
			}
			Matcher result = output.stream().map(RESULT::matcher).filter(Matcher::find).findFirst()
				.orElseThrow(() -> new IllegalStateException(launch.label() + " did not start (exit " + child.exitValue()
						+ "):\n" + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()))));
			WireCounts wire = (proxy != null) ? proxy.counts().minus(before) : WireCounts.ZERO;
			return new Startup(Double.parseDouble(result.group(1)), Double.parseDouble(result.group(2)),
					Double.parseDouble(result.group(3)), Long.parseLong(result.group(4)), wire);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static double median(List<Startup> runs, java.util.function.ToDoubleFunction<Startup> value) {
		double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	private static String spread(List<Startup> runs, java.util.function.ToDoubleFunction<Startup> value) {
		double min = runs.stream().mapToDouble(value).min().orElse(0);
		double max = runs.stream().mapToDouble(value).max().orElse(0);
		return Table.ms(median(runs, value)) + " (" + Table.ms(min) + "–" + Table.ms(max) + ")";
	}

	/** One number when every run agrees, else each distinct value. */
	private static String count(List<Startup> runs, java.util.function.ToLongFunction<Startup> count) {
		java.util.TreeSet<Long> values = new java.util.TreeSet<>();
		runs.forEach((run) -> values.add(count.applyAsLong(run)));
		return (values.size() == 1) ? String.format("%,d", values.first())
				: "varies: " + values.stream().map((v) -> String.format("%,d", v)).toList();
	}

	private static String plus(double millis) {
		return ((millis >= 0) ? "+" : "−") + Table.ms(Math.abs(millis));
	}

	/**
	 * One way to start the app.
	 * @param jar an extra class-path entry, or {@code null}
	 */
	private record Launch(String label, String directory, Path jar, List<String> arguments, String database) {
	}

	private record Startup(double jvmToReady, double runToReady, double cpu, long classes, WireCounts wire) {

	}

	private enum App {

		PLAIN("plain", "plain app (webmvc + jdbc, neither tool)") {
			@Override
			List<String> arguments(Path location) {
				return List.of();
			}
		},

		PLAIN_CONNECTED("plain", "plain app + one connection opened at start-up (`SELECT 1`)") {
			@Override
			List<String> arguments(Path location) {
				return List.of("--bench.open-connection=true");
			}
		},

		MIGRATOR("migrator", "migrator starter") {
			@Override
			List<String> arguments(Path location) {
				return List.of("--migrator.locations=filesystem:" + location.toAbsolutePath());
			}
		},

		FLYWAY("flyway", "Boot's Flyway starter (Flyway " + Versions.flyway() + ")") {
			@Override
			List<String> arguments(Path location) {
				return List.of("--spring.flyway.locations=filesystem:" + location.toAbsolutePath());
			}
		};

		private final String directory;

		private final String label;

		App(String directory, String label) {
			this.directory = directory;
			this.label = label;
		}

		String label() {
			return this.label;
		}

		abstract List<String> arguments(Path location);

	}

}
