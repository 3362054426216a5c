package io.migrator.cli;

import java.util.Locale;

import io.migrator.core.LegacyTracker;
import io.migrator.core.Migrator;
import io.migrator.core.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * The commands that change the database (or, for {@code dry-run}, try to): each prints
 * its {@link RunResult} and exits 1 when a migration failed.
 */
final class RunCommands {

	private RunCommands() {
	}

	/** Prints a run's result; exits 1 when a migration failed. */
	static int report(RunResult result, Console console) {
		Reports.printRun(console, result, console.lines().printed(), null);
		return result.hasFailures() ? Failures.FAILED : Failures.OK;
	}

	/** A command that applies migrations: out-of-order versions matter to it. */
	abstract static class ApplyCommand extends CliCommand.Planning {

		@Override
		final int execute(CliSettings settings, Console console) {
			return report(run(migrator(settings, console)), console);
		}

		abstract RunResult run(Migrator migrator);

	}

	/** A command that undoes migrations or administers the history. */
	abstract static class HistoryCommand extends CliCommand.Sourced {

		@Override
		final int execute(CliSettings settings, Console console) {
			return report(run(migrator(settings, console)), console);
		}

		abstract RunResult run(Migrator migrator);

	}

	/** A command that undoes migrations, where one without a down part matters. */
	abstract static class UndoCommand extends HistoryCommand {

		@Mixin
		Options.NoDownPart noDownPart;

	}

	@Command(name = "up", description = "Apply every pending migration.")
	static final class Up extends ApplyCommand {

		@Override
		RunResult run(Migrator migrator) {
			return migrator.up();
		}

	}

	@Command(name = "up-by-one", description = "Apply the next pending migration only.")
	static final class UpByOne extends ApplyCommand {

		@Override
		RunResult run(Migrator migrator) {
			return migrator.upByOne();
		}

	}

	@Command(name = "up-to", description = "Apply pending migrations up to and including VERSION.")
	static final class UpTo extends ApplyCommand {

		@Parameters(index = "0", paramLabel = "VERSION", description = "The highest version to apply.")
		long version;

		@Override
		RunResult run(Migrator migrator) {
			return migrator.upTo(this.version);
		}

	}

	@Command(name = "down", description = "Undo the latest applied migration.")
	static final class Down extends UndoCommand {

		@Override
		RunResult run(Migrator migrator) {
			return migrator.down();
		}

	}

	@Command(name = "down-to", description = "Undo applied migrations above VERSION, newest first; 0 undoes all.")
	static final class DownTo extends UndoCommand {

		@Parameters(index = "0", paramLabel = "VERSION", description = "The version to go back to.")
		long version;

		@Override
		RunResult run(Migrator migrator) {
			return migrator.downTo(this.version);
		}

	}

	@Command(name = "redo", description = "Undo the latest applied migration and apply it again.")
	static final class Redo extends HistoryCommand {

		@Override
		RunResult run(Migrator migrator) {
			return migrator.redo();
		}

	}

	@Command(name = "reset", description = "Undo every applied migration, newest first.")
	static final class Reset extends UndoCommand {

		@Override
		RunResult run(Migrator migrator) {
			return migrator.reset();
		}

	}

	@Command(name = "dry-run", description = "Run every pending migration in a transaction and roll it back; "
			+ "report which would fail. NO TRANSACTION migrations are listed as not verifiable.")
	static final class DryRun extends ApplyCommand {

		@Override
		RunResult run(Migrator migrator) {
			return migrator.dryRun();
		}

	}

	@Command(name = "baseline", description = "Mark every migration at or below VERSION as applied without "
			+ "running it. Only on a database with an empty history.")
	static final class Baseline extends HistoryCommand {

		@Parameters(index = "0", paramLabel = "VERSION", description = "The baseline version.")
		long version;

		@Override
		RunResult run(Migrator migrator) {
			return migrator.baseline(this.version);
		}

	}

	@Command(name = "repair", description = "Accept the files as they are now (checksums, descriptions) and "
			+ "clear incomplete migrations, after you checked the schema.")
	static final class Repair extends HistoryCommand {

		@Override
		RunResult run(Migrator migrator) {
			return migrator.repair();
		}

	}

	@Command(name = "adopt", description = "Import what goose, golang-migrate or Flyway applied into the history "
			+ "table, matching versions to the files and keeping when each was applied. Idempotent; adding to a "
			+ "non-empty history needs --force. migrator's own history table is the --table given before 'adopt' "
			+ "(or $MIGRATOR_TABLE).")
	static final class Adopt extends CliCommand {

		@Mixin
		Options.Database database;

		@Mixin
		Options.Directories directories;

		@Mixin
		Options.JavaClasses javaClasses;

		@Option(names = "--from", required = true, paramLabel = "goose|golang-migrate|flyway",
				converter = TrackerConverter.class, description = "The tool whose history table to read.")
		LegacyTracker from;

		@Option(names = { "--table", "-table" }, paramLabel = "[SCHEMA.]NAME",
				description = "The tool's table, as goose's -table names it. Default: $GOOSE_TABLE for goose, else "
						+ "the tool's default (goose_db_version, schema_migrations, flyway_schema_history).")
		String table;

		@Option(names = "--force",
				description = "Add versions even when migrator's history already has rows (check both first).")
		boolean force;

		@Override
		int execute(CliSettings settings, Console console) {
			String legacyTable = (this.table != null) ? this.table
					: ((this.from == LegacyTracker.GOOSE) ? settings.gooseTable() : null);
			return report(Connected.migrator(settings, console).adopt(this.from, legacyTable, this.force), console);
		}

	}

	static final class TrackerConverter implements ITypeConverter<LegacyTracker> {

		@Override
		public LegacyTracker convert(String value) {
			try {
				return LegacyTracker.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(
						"'" + value + "' is not a supported tool: use goose, golang-migrate or flyway");
			}
		}

	}

}
