package io.migrator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.migrator.core.DriftReport;
import io.migrator.core.snapshot.SchemaDiff;
import io.migrator.core.snapshot.SchemaDifference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrator drift}: compares the live schema with the schema its applied
 * migrations build. Exits 1 when anything differs, like {@code check}, so CI can gate on it.
 */
@Command(name = "drift", description = "Replay the applied migrations into a scratch schema (dropped afterwards) "
		+ "and compare it with the live schema: objects added, dropped or changed by hand. Exits 1 when anything "
		+ "differs.")
final class DriftCommand extends CliCommand.Planning {

	@Option(names = "--scratch-url", paramLabel = "URL", description = "Build the scratch schema in this database "
			+ "instead of the migrated one: needed when migrations use an extension installed in the live schema or "
			+ "name schemas themselves, and to compare extensions. Same forms as --url; --user and --password apply "
			+ "unless it carries its own. Default: the migrated database.")
	String scratchUrl;

	@Override
	int execute(CliSettings settings, Console console) {
		DataSource scratch = (this.scratchUrl != null) ? new DriverManagerDataSource(
				ConnectionTarget.of(this.scratchUrl, settings.user(), settings.password())) : null;
		DriftReport report = migrator(settings, console).drift(scratch);
		if (console.json()) {
			console.printJson(json(report));
		}
		else {
			print(console, report);
		}
		return report.hasDrift() ? Failures.FAILED : Failures.OK;
	}

	private static void print(Console console, DriftReport report) {
		SchemaDiff diff = report.diff();
		String replayed = report.replayedVersions().size() + " applied migration"
				+ ((report.replayedVersions().size() == 1) ? "" : "s");
		String where = " (replayed into " + report.scratchLocation() + ", dropped again; "
				+ report.duration().toMillis() + " ms)";
		if (diff.isEmpty()) {
			console.println("No drift: schema " + report.liveSchema() + " matches its " + replayed + where + ".");
		}
		else {
			int count = diff.differences().size();
			console.println("Drift: schema " + report.liveSchema() + " differs from its " + replayed + " in " + count
					+ ((count == 1) ? " object" : " objects") + where + ":");
			console.println("  (+ only in the live schema, - missing from it, ~ changed)");
			for (SchemaDifference difference : diff.differences()) {
				console.println(difference.toText().stripTrailing());
			}
		}
		for (String note : report.notes()) {
			console.println("Note: " + note);
		}
	}

	private static Map<String, Object> json(DriftReport report) {
		Map<String, Object> json = Json.object();
		json.put("liveSchema", report.liveSchema());
		json.put("scratch", report.scratchLocation());
		json.put("drift", report.hasDrift());
		json.put("replayedVersions", report.replayedVersions());
		json.put("skippedVersions", report.skippedVersions());
		List<Object> differences = new ArrayList<>();
		for (SchemaDifference difference : report.diff().differences()) {
			Map<String, Object> entry = Json.object();
			entry.put("kind", difference.kind().displayName());
			entry.put("name", difference.name());
			entry.put("change", difference.change().name().toLowerCase(Locale.ROOT));
			entry.put("expected", difference.expected());
			entry.put("actual", difference.actual());
			differences.add(entry);
		}
		json.put("differences", differences);
		json.put("notes", report.notes());
		json.put("durationMs", report.duration().toMillis());
		return json;
	}

}
