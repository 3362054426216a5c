package io.migrator.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.migrator.core.Direction;
import io.migrator.core.LegacyTracker;
import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationResult;
import io.migrator.core.MigrationState;
import io.migrator.core.RunResult;
import io.migrator.core.StatusReport;
import io.migrator.core.ValidationProblem;
import io.migrator.core.ValidationResult;

/**
 * Renders results as text tables for people and as JSON for scripts.
 */
final class Reports {

	private static final DateTimeFormatter HUMAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'",
			Locale.ROOT);

	private Reports() {
	}

	/**
	 * Prints what a run did: one line per migration not yet printed while it ran, then a
	 * summary; or one JSON document.
	 * @param console where to print
	 * @param result the run
	 * @param alreadyPrinted how many of its migrations {@link ResultLines} printed as they ran
	 * @param error the error of a failed run for the JSON output, or {@code null}
	 */
	static void printRun(Console console, RunResult result, int alreadyPrinted, Map<String, Object> error) {
		if (console.json()) {
			Map<String, Object> json = Json.object();
			json.put("operation", result.operation());
			json.put("versionBefore", result.versionBefore());
			json.put("versionAfter", result.versionAfter());
			json.put("durationMs", millis(result.duration()));
			List<Object> migrations = new ArrayList<>();
			for (MigrationResult migration : result.migrations()) {
				Map<String, Object> entry = Json.object();
				entry.put("version", migration.version());
				entry.put("description", migration.description());
				entry.put("type", migration.type().id());
				entry.put("direction", migration.direction().name().toLowerCase(Locale.ROOT));
				entry.put("outcome", migration.outcome().name().toLowerCase(Locale.ROOT));
				entry.put("source", migration.source());
				entry.put("durationMs", millis(migration.duration()));
				entry.put("error", migration.error());
				migrations.add(entry);
			}
			json.put("migrations", migrations);
			json.put("error", error);
			console.printJson(json);
			return;
		}
		List<MigrationResult> migrations = result.migrations();
		for (MigrationResult migration : migrations.subList(Math.min(alreadyPrinted, migrations.size()),
				migrations.size())) {
			console.info(line(migration));
		}
		console.info(summary(result));
	}

	/**
	 * Formats one migration's result as one entry: {@code applied 00001_create_users.sql
	 * (12 ms)}; a multi-line error continues on indented lines, so it stays visibly part of
	 * its migration's entry.
	 * @param migration the result
	 * @return the line(s)
	 */
	static String line(MigrationResult migration) {
		StringBuilder line = new StringBuilder(outcome(migration)).append(' ').append(sourceName(migration))
			.append(" (")
			.append(millis(migration.duration()))
			.append(" ms)");
		if (migration.error() != null) {
			String[] errorLines = migration.error().strip().split("\\R");
			line.append(": ").append(errorLines[0].strip());
			for (int i = 1; i < errorLines.length; i++) {
				if (!errorLines[i].isBlank()) {
					line.append(System.lineSeparator()).append("    ").append(errorLines[i].strip());
				}
			}
		}
		return line.toString();
	}

	private static String sourceName(MigrationResult migration) {
		if (migration.source() == null) {
			return "version " + migration.version() + " (" + migration.description() + ")";
		}
		String source = migration.source();
		return source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
	}

	static void printStatus(Console console, StatusReport report, List<JavaSourceFiles.Unloaded> unloadedJavaSources) {
		if (console.json()) {
			Map<String, Object> json = Json.object();
			json.put("currentVersion", report.currentVersion());
			json.put("historyTableExists", report.historyTableExists());
			List<Object> migrations = new ArrayList<>();
			for (MigrationInfo info : report.migrations()) {
				Map<String, Object> entry = Json.object();
				entry.put("version", info.version());
				entry.put("description", info.description());
				entry.put("type", info.type().id());
				entry.put("state", info.state().id());
				entry.put("source", info.source());
				entry.put("appliedAt", (info.appliedAt() != null) ? info.appliedAt().toString() : null);
				entry.put("executionTimeMs", (info.executionTime() != null) ? millis(info.executionTime()) : null);
				entry.put("checksum", info.checksum());
				migrations.add(entry);
			}
			json.put("migrations", migrations);
			json.put("managedBy", (report.managedBy() != null) ? trackerId(report.managedBy()) : null);
			json.put("javaSources", javaSources(unloadedJavaSources));
			console.printJson(json);
			return;
		}
		console.println("Current version: " + report.currentVersion()
				+ (report.historyTableExists() ? "" : " (no history table yet)"));
		if (report.managedBy() != null) {
			String tool = trackerId(report.managedBy());
			console.println("This database is managed by " + tool + ": its history table exists and migrator's does "
					+ "not. Run 'migrator adopt --from " + tool + "' to import what " + tool
					+ " applied; 'up' refuses until then.");
		}
		for (JavaSourceFiles.Unloaded unloaded : unloadedJavaSources) {
			console.println(unloaded.message());
		}
		List<String[]> rows = new ArrayList<>();
		for (MigrationInfo info : report.migrations()) {
			rows.add(new String[] { Long.toString(info.version()), info.description(), info.type().id(),
					info.state().id(), humanTime(info.appliedAt()) });
		}
		if (rows.isEmpty()) {
			console.println("No migrations found.");
			return;
		}
		table(console, new String[] { "VERSION", "DESCRIPTION", "TYPE", "STATE", "APPLIED AT" }, rows);
		List<String> counts = new ArrayList<>();
		for (MigrationState state : MigrationState.values()) {
			long count = report.countIn(state);
			if (count > 0) {
				counts.add(count + " " + state.id());
			}
		}
		console.println(String.join(", ", counts));
	}

	/**
	 * Prints the engine's validation problems and those the CLI found (Java sources that
	 * are not loaded, a database another tool manages).
	 * @param console where to print
	 * @param result the engine's result
	 * @param found the CLI's own problems
	 */
	static void printValidation(Console console, ValidationResult result, List<Problem> found) {
		List<Problem> problems = new ArrayList<>();
		for (ValidationProblem problem : result.problems()) {
			problems.add(new Problem(problem.kind().name().toLowerCase(Locale.ROOT), problem.version(),
					problem.message()));
		}
		problems.addAll(found);
		if (console.json()) {
			Map<String, Object> json = Json.object();
			json.put("valid", problems.isEmpty());
			List<Object> entries = new ArrayList<>();
			for (Problem problem : problems) {
				Map<String, Object> entry = Json.object();
				entry.put("kind", problem.kind());
				entry.put("version", problem.version());
				entry.put("message", problem.message());
				entries.add(entry);
			}
			json.put("problems", entries);
			console.printJson(json);
			return;
		}
		if (problems.isEmpty()) {
			console.info("OK: no problems found.");
			return;
		}
		console.println(problems.size() + " problem(s):");
		for (Problem problem : problems) {
			console.println("- " + problem.message());
		}
	}

	/**
	 * A problem as {@code validate} and {@code check} report it.
	 *
	 * @param kind the kind, in snake case
	 * @param version the version it concerns, 0 for none
	 * @param message what is wrong and what to do
	 */
	record Problem(String kind, long version, String message) {
	}

	static String trackerId(LegacyTracker tracker) {
		return tracker.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static List<Object> javaSources(List<JavaSourceFiles.Unloaded> unloaded) {
		List<Object> entries = new ArrayList<>();
		for (JavaSourceFiles.Unloaded file : unloaded) {
			Map<String, Object> entry = Json.object();
			entry.put("version", file.version());
			entry.put("file", file.file().toString());
			entry.put("message", file.message());
			entries.add(entry);
		}
		return entries;
	}

	private static String outcome(MigrationResult migration) {
		return switch (migration.outcome()) {
			case SUCCEEDED -> (migration.direction() == Direction.UP) ? "applied" : "undone";
			case FAILED -> "FAILED";
			case VERIFIED -> "verified";
			case NOT_VERIFIABLE -> "not verifiable (no transaction)";
			case MARKED_APPLIED -> "marked applied";
			case REPAIRED -> "repaired";
			case HISTORY_ROW_REMOVED -> "history row removed (no down part: its changes stay)";
		};
	}

	private static String summary(RunResult result) {
		String took = " in " + millis(result.duration()) + " ms";
		if (result.migrations().isEmpty()) {
			return result.operation() + ": nothing to do; current version " + result.versionAfter() + took;
		}
		long failed = result.migrations().stream().filter(MigrationResult::failed).count();
		return result.operation() + ": " + result.migrations().size() + " migration(s)"
				+ ((failed > 0) ? ", " + failed + " failed" : "") + ", version " + result.versionBefore() + " -> "
				+ result.versionAfter() + took;
	}

	private static void table(Console console, String[] header, List<String[]> rows) {
		List<String[]> all = new ArrayList<>();
		if (header != null) {
			all.add(header);
		}
		all.addAll(rows);
		if (all.isEmpty()) {
			return;
		}
		int columns = all.get(0).length;
		int[] widths = new int[columns];
		for (String[] row : all) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (String[] row : all) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < columns; i++) {
				line.append(row[i]);
				if (i < columns - 1) {
					line.append(" ".repeat(widths[i] - row[i].length() + 2));
				}
			}
			console.println(line.toString().stripTrailing());
		}
	}

	private static String humanTime(Instant instant) {
		return (instant != null) ? HUMAN_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC))
				: "-";
	}

	private static long millis(Duration duration) {
		return (duration != null) ? duration.toMillis() : 0;
	}

}
