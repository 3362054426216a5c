package io.migrator.cli;

import java.util.List;
import java.util.Map;

import io.migrator.core.LegacyTracker;
import io.migrator.core.Migrator;
import io.migrator.core.StatusReport;
import io.migrator.core.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The read-only commands.
 */
final class InspectCommands {

	private InspectCommands() {
	}

	/** A command that judges the history against the files, where missing versions matter. */
	abstract static class ValidatingCommand extends CliCommand.Planning {

		@Mixin
		Options.MissingVersions missingVersions;

	}

	@Command(name = "status", description = "List every version with its state and when it was applied.")
	static final class Status extends CliCommand.Planning {

		@Override
		int execute(CliSettings settings, Console console) {
			Migrator migrator = migrator(settings, console);
			StatusReport report = migrator.status();
			Reports.printStatus(console, report,
					JavaSourceFiles.unloaded(settings.fileSystemDirectories(), loadedJavaVersions(report)));
			return Failures.OK;
		}

	}

	@Command(name = "version", description = "Print the current (highest applied) version.")
	static final class Version extends CliCommand.Connected {

		@Override
		int execute(CliSettings settings, Console console) {
			long version = migrator(settings, console).version();
			if (console.json()) {
				console.printJson(Map.of("currentVersion", version));
			}
			else {
				console.println(Long.toString(version));
			}
			return Failures.OK;
		}

	}

	@Command(name = "validate", description = "Check applied migrations against the files: checksums, "
			+ "descriptions, incomplete and out-of-order versions; parse every pending file. Without --url, "
			+ "check the files alone. Exits 1 on a problem.")
	static final class Validate extends ValidatingCommand {

		@Override
		int execute(CliSettings settings, Console console) {
			Migrator migrator = (settings.url() != null) ? migrator(settings, console) : settings.filesOnlyMigrator();
			ValidationResult result = migrator.validate();
			Reports.printValidation(console, result, List.of());
			return result.isValid() ? Failures.OK : Failures.FAILED;
		}

	}

	@Command(name = "check", description = "validate, and also require nothing pending: the CI gate. "
			+ "Exits 1 when anything is pending or inconsistent.")
	static final class Check extends ValidatingCommand {

		@Override
		int execute(CliSettings settings, Console console) {
			Migrator migrator = migrator(settings, console);
			ValidationResult result = migrator.check();
			StatusReport status = migrator.status();
			// A .java file whose name encodes no version may be a helper, not a missing migration.
			List<JavaSourceFiles.Unloaded> unloaded = JavaSourceFiles
				.unloaded(settings.fileSystemDirectories(), loadedJavaVersions(status))
				.stream()
				.filter((file) -> file.version() > 0)
				.toList();
			List<Reports.Problem> more = new java.util.ArrayList<>();
			for (JavaSourceFiles.Unloaded file : unloaded) {
				more.add(new Reports.Problem("java_source_not_loaded", file.version(), file.message()));
			}
			boolean noHistory = result.problems()
				.stream()
				.anyMatch((problem) -> problem.kind() == io.migrator.core.ValidationProblem.Kind.NO_HISTORY);
			if (noHistory) {
				// The engine's advice for a missing history is 'up', which refuses on a database
				// another tool manages: name the step that comes first there.
				LegacyTracker tool = status.managedBy();
				if (tool != null) {
					String id = Reports.trackerId(tool);
					more.add(new Reports.Problem("managed_by_" + id.replace('-', '_'), 0, "This database is managed by "
							+ id + ": run 'migrator adopt --from " + id + "' first, then 'up'."));
				}
			}
			Reports.printValidation(console, result, more);
			return (result.isValid() && more.isEmpty()) ? Failures.OK : Failures.FAILED;
		}

	}

}
