package io.migrator.cli;

import java.util.concurrent.Callable;

import io.migrator.core.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * A subcommand: resolves the global options given before and after its name, runs, and
 * turns any failure into a message and an exit code.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true)
abstract class CliCommand implements Callable<Integer> {

	@Mixin
	GlobalOptions options;

	@ParentCommand
	MigratorCli root;

	@Override
	public final Integer call() {
		GlobalOptions merged = GlobalOptions.merge(this.root.options, this.options);
		CliSettings settings = CliSettings.resolve(merged, this.root.environment());
		Console console = new Console(this.root.out(), this.root.err(), settings.json(), settings.verbose(),
				settings.secrets());
		try {
			return execute(settings, console);
		}
		catch (RuntimeException ex) {
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

	static Migrator migrator(CliSettings settings, Console console) {
		return settings.migrator(new ProgressListener(console.err()));
	}

}
