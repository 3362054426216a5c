package io.migrator.cli;

import java.util.Map;

import io.migrator.core.Migrator;
import io.migrator.core.StatusReport;
import io.migrator.core.ValidationResult;
import picocli.CommandLine.Command;

/**
 * The read-only commands.
 */
final class InspectCommands {

	private InspectCommands() {
	}

	@Command(name = "status", description = "List every version with its state and when it was applied.")
	static final class Status extends CliCommand {

		@Override
		int execute(CliSettings settings, Console console) {
			StatusReport report = migrator(settings, console).status();
			Reports.printStatus(console, report);
			return Failures.OK;
		}

	}

	@Command(name = "version", description = "Print the current (highest applied) version.")
	static final class Version extends CliCommand {

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
	static final class Validate extends CliCommand {

		@Override
		int execute(CliSettings settings, Console console) {
			Migrator migrator = (settings.url() != null) ? migrator(settings, console) : settings.filesOnlyMigrator();
			ValidationResult result = migrator.validate();
			Reports.printValidation(console, result);
			return result.isValid() ? Failures.OK : Failures.FAILED;
		}

	}

	@Command(name = "check", description = "validate, and also require nothing pending: the CI gate. "
			+ "Exits 1 when anything is pending or inconsistent.")
	static final class Check extends CliCommand {

		@Override
		int execute(CliSettings settings, Console console) {
			ValidationResult result = migrator(settings, console).check();
			Reports.printValidation(console, result);
			return result.isValid() ? Failures.OK : Failures.FAILED;
		}

	}

}
