package io.migrator.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.migrator.core.Migrator;
import io.migrator.core.ValidationResult;

/**
 * Scenario 4: a seed-data migration of some hundred MB, applied by a child JVM with
 * {@code -Xmx64m}; and the parser's throughput on the same file.
 */
final class SeedScenario {

	private static final String CHILD_HEAP = "-Xmx64m";

	private final Server server;

	private final Report report;

	SeedScenario(Server server, Report report) {
		this.server = server;
		this.report = report;
	}

	void run(int megabytes, boolean alsoFlyway) {
		long bytes = megabytes * 1024L * 1024L;
		Path files = MigrationFiles.tempDirectory("bench-seed");
		try {
			Path gooseDir = Files.createDirectories(files.resolve("goose"));
			Path gooseFile = gooseDir.resolve("00001_seed.sql");
			long rows = SeedFile.write(gooseFile, "-- +goose Up\n", bytes);
			double mib = Files.size(gooseFile) / (1024.0 * 1024.0);
			this.report.progress("seed: wrote %,.0f MiB, %,d INSERTs", mib, rows);

			Table parser = new Table("what", "median of 3 (s)", "MiB/s", "statements");
			List<Double> parse = new ArrayList<>();
			List<Double> floor = new ArrayList<>();
			for (int rep = 0; rep < 3; rep++) {
				long started = System.nanoTime();
				validateFilesAlone(gooseDir);
				parse.add((System.nanoTime() - started) / 1e9);
				started = System.nanoTime();
				readDecodeAndDigest(gooseFile);
				floor.add((System.nanoTime() - started) / 1e9);
			}
			// The CREATE TABLE before the INSERTs is one statement more.
			parser.row("`validate()` without a database (scan + split + SHA-256 + UTF-8 decoding)",
					String.format("%.2f", median(parse)), String.format("%,.0f", mib / median(parse)),
					String.format("%,d", rows + 1));
			parser.row("floor: read + UTF-8 decoding + SHA-256, no parsing", String.format("%.2f", median(floor)),
					String.format("%,.0f", mib / median(floor)), "");
			this.report.section("4a. Parser throughput on the " + Math.round(mib) + " MiB seed file", parser.toString());

			Table apply = new Table("tool", "heap", "outcome", "wall s", "peak RSS (VmHWM)");
			childApply(apply, "migrator", gooseDir);
			if (alsoFlyway) {
				Files.delete(gooseFile);
				Path flywayDir = Files.createDirectories(files.resolve("flyway"));
				SeedFile.write(flywayDir.resolve("V1__seed.sql"), "", bytes);
				childApply(apply, "flyway", flywayDir);
			}
			this.report.section("4. " + Math.round(mib) + " MiB seed migration (" + String.format("%,d", rows)
					+ " INSERTs, one transaction) in a child JVM with " + CHILD_HEAP, apply.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			MigrationFiles.deleteRecursively(files);
		}
	}

	private void childApply(Table table, String tool, Path directory) {
		String database = this.server.createDatabase("seed_" + tool);
		try {
			List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					CHILD_HEAP, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
					System.getProperty("java.class.path"), SeedApply.class.getName(), tool,
					this.server.jdbcUrl(database), this.server.user(), this.server.password(),
					directory.toAbsolutePath().toString());
			Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
			Path status = Path.of("/proc", Long.toString(child.pid()), "status");
			long peak = -1;
			List<String> output = new ArrayList<>();
			Thread reader = new Thread(() -> child.inputReader().lines().forEach(output::add));
			reader.start();
			long started = System.nanoTime();
			while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
				peak = Math.max(peak, SeedApply.peakRssKiB(status));
				if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(30)) {
					child.destroyForcibly();
				}
			}
			reader.join();
			String result = output.stream().filter((line) -> line.startsWith("RESULT ")).findFirst()
				.orElse("RESULT exit=" + child.exitValue() + " " + String.join(" / ", lastLines(output)));
			this.report.progress("seed %s: %s", tool, result);
			String millis = field(result, "millis");
			String childPeak = field(result, "peakRssKiB");
			long peakKiB = (childPeak != null) ? Math.max(peak, Long.parseLong(childPeak)) : peak;
			table.row(tool.equals("migrator") ? "migrator" : Tool.FLYWAY.label(), CHILD_HEAP,
					result.replaceAll("RESULT (millis=\\d+ )?(peakRssKiB=-?\\d+ )?", ""),
					(millis != null) ? secs(Long.parseLong(millis) / 1000.0)
							: secs((System.nanoTime() - started) / 1e9),
					(peakKiB > 0) ? String.format("%,d MiB", peakKiB / 1024) : "n/a");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	/**
	 * Reads the directory as {@code migrator validate} without {@code --url} does: every file
	 * is parsed to its end, hashed and decoded, through the public API an application uses.
	 */
	private static void validateFilesAlone(Path directory) {
		ValidationResult result = Migrator.builder().locations("filesystem:" + directory).build().validate();
		if (!result.isValid()) {
			throw new IllegalStateException("The seed file does not validate: " + result.describe());
		}
	}

	private static void readDecodeAndDigest(Path file) throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(
					new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest),
					StandardCharsets.UTF_8), 1 << 16)) {
				char[] buffer = new char[1 << 16];
				while (reader.read(buffer) >= 0) {
					// only the reading counts
				}
			}
			digest.digest();
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> lastLines(List<String> output) {
		return output.subList(Math.max(0, output.size() - 3), output.size());
	}

	private static String field(String result, String name) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(name + "=(-?\\d+)").matcher(result);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String secs(double seconds) {
		return String.format("%.1f", seconds);
	}

}
