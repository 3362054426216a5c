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
	 * Prints what a run did, one line per migration.
	 * @param console where to print
	 * @param result the run
	 * @param error the error of a failed run for the JSON output, or {@code null}
	 */
	static void printRun(Console console, RunResult result, Map<String, Object> error) {
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
				entry.put("durationMs", millis(migration.duration()));
				entry.put("error", migration.error());
				migrations.add(entry);
			}
			json.put("migrations", migrations);
			if (error != null) {
				json.put("error", error);
			}
			console.printJson(json);
			return;
		}
		List<String[]> rows = new ArrayList<>();
		for (MigrationResult migration : result.migrations()) {
			rows.add(new String[] { outcome(migration), Long.toString(migration.version()), migration.description(),
					migration.type().id(), millis(migration.duration()) + " ms",
					(migration.error() != null) ? migration.error() : "" });
		}
		table(console, null, rows);
		console.println(summary(result));
	}

	static void printStatus(Console console, StatusReport report) {
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
			console.printJson(json);
			return;
		}
		console.println("Current version: " + report.currentVersion()
				+ (report.historyTableExists() ? "" : " (no history table yet)"));
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

	static void printValidation(Console console, ValidationResult result) {
		if (console.json()) {
			Map<String, Object> json = Json.object();
			json.put("valid", result.isValid());
			List<Object> problems = new ArrayList<>();
			for (ValidationProblem problem : result.problems()) {
				Map<String, Object> entry = Json.object();
				entry.put("kind", problem.kind().name().toLowerCase(Locale.ROOT));
				entry.put("version", problem.version());
				entry.put("message", problem.message());
				problems.add(entry);
			}
			json.put("problems", problems);
			console.printJson(json);
			return;
		}
		if (result.isValid()) {
			console.println("OK: no problems found.");
			return;
		}
		console.println(result.problems().size() + " problem(s):");
		for (ValidationProblem problem : result.problems()) {
			console.println("  - " + problem.message());
		}
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
