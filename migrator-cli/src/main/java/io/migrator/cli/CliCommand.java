package io.migrator.cli;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationState;
import io.migrator.core.MigrationType;
import io.migrator.core.Migrator;
import io.migrator.core.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A subcommand: combines the options given before and after its name, applies the
 * environment fallbacks, runs, and turns any failure into a message and an exit code.
 * Subclasses add the option groups they use, so each command's help lists only those.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true)
abstract class CliCommand implements Callable<Integer> {

	@Mixin
	Options.Output output;

	@ParentCommand
	MigratorCli root;

	@Spec
	CommandSpec spec;

	@Override
	public final Integer call() {
		GlobalOptions options = new GlobalOptions();
		MigratorCli.addGroups(this.spec.parent(), options);
		MigratorCli.addGroups(this.spec, options);
		Console console = new Console(this.root.out(), this.root.err(), options.json, options.quiet,
				options.verbose);
		try {
			CliSettings settings = CliSettings.resolve(options, this.root.environment(),
					this.root.workingDirectory());
			return execute(settings, console);
		}
		catch (RuntimeException | LinkageError ex) {
			return console.fail(ex);
		}
	}

	/**
	 * Runs the command.
	 * @param settings the resolved options
	 * @param console where to write
	 * @return the exit code
	 */
	abstract int execute(CliSettings settings, Console console);

	/**
	 * A command that connects to the database.
	 */
	abstract static class Connected extends CliCommand {

		@Mixin
		Options.Database database;

		@Mixin
		Options.HistoryTable historyTable;

		static Migrator migrator(CliSettings settings, Console console) {
			return settings.migrator(console.lines());
		}

	}

	/**
	 * A command that connects and reads the migrations.
	 */
	abstract static class Sourced extends Connected {

		@Mixin
		Options.Directories directories;

		@Mixin
		Options.JavaClasses javaClasses;

		@Mixin
		Options.SourceEncoding sourceEncoding;

		/**
		 * Returns the versions of the Java migrations this build has: from --classpath, from
		 * classpath: locations, or given as objects.
		 */
		static Set<Long> loadedJavaVersions(StatusReport status) {
			return status.migrations()
				.stream()
				.filter((info) -> info.type() == MigrationType.JAVA && info.state() != MigrationState.MISSING)
				.map(MigrationInfo::version)
				.collect(Collectors.toSet());
		}

	}

	/**
	 * A command that decides what is pending, where out-of-order versions matter.
	 */
	abstract static class Planning extends Sourced {

		@Mixin
		Options.Ordering ordering;

	}

}
