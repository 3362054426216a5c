package io.migrator.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/**
 * The {@code migrator} command line: goose's commands against migrator's engine.
 * <p>
 * Exit codes: 0 success; 1 a migration failed, validation found a problem, or
 * {@code check} found something pending or inconsistent; 2 usage or configuration error.
 */
@Command(name = "migrator", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
		versionProvider = MigratorCli.ManifestVersion.class,
		description = "Database migrations in the spirit of goose. Options go before or after the command.",
		subcommands = { RunCommands.Up.class, RunCommands.UpByOne.class, RunCommands.UpTo.class,
				RunCommands.Down.class, RunCommands.DownTo.class, RunCommands.Redo.class, RunCommands.Reset.class,
				InspectCommands.Status.class, InspectCommands.Version.class, InspectCommands.Validate.class,
				InspectCommands.Check.class, RunCommands.DryRun.class, RunCommands.Baseline.class,
				RunCommands.Repair.class, RunCommands.Adopt.class, AuthoringCommands.Create.class,
				AuthoringCommands.Fix.class },
		footerHeading = "%nExit codes:%n",
		footer = { "  0  success",
				"  1  a migration failed, validation found a problem, or check found something pending or "
						+ "inconsistent",
				"  2  usage or configuration error" })
public final class MigratorCli implements Callable<Integer> {

	private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

	@Mixin
	GlobalOptions options;

	private final Map<String, String> environment;

	private PrintWriter out;

	private PrintWriter err;

	private MigratorCli(Map<String, String> environment) {
		this.environment = environment;
	}

	public static void main(String[] args) {
		// Before the first logger exists: slf4j-simple reads its level once.
		if (Arrays.asList(args).contains("--verbose") && System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
			System.setProperty(SIMPLE_LOGGER_LEVEL, "debug");
		}
		System.exit(execute(args, System.out, System.err, System.getenv()));
	}

	/**
	 * Runs one command line without exiting the JVM.
	 * @param args the arguments
	 * @param out where results go
	 * @param err where progress and errors go
	 * @param environment the environment variables ({@code MIGRATOR_URL} etc.)
	 * @return the exit code
	 */
	static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
		MigratorCli cli = new MigratorCli(environment);
		cli.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
		cli.err = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
		CommandLine commandLine = new CommandLine(cli).setCaseInsensitiveEnumValuesAllowed(true)
			.setOut(cli.out)
			.setErr(cli.err)
			.setParameterExceptionHandler(cli::usageError);
		try {
			return commandLine.execute(args);
		}
		finally {
			cli.out.flush();
			cli.err.flush();
		}
	}

	@Override
	public Integer call() {
		this.err.println("migrator: no command given. Commands:");
		this.err.println("  " + String.join(" ", new CommandLine(new MigratorCli(this.environment)).getSubcommands()
			.keySet()));
		this.err.println("Run 'migrator --help' for the options.");
		return Failures.USAGE;
	}

	/**
	 * Reports a command-line mistake in one line plus where to find help, masking any
	 * password the arguments carried.
	 */
	private int usageError(ParameterException ex, String[] args) {
		Secrets secrets = Secrets.of(argument(args, "--url"), passwordOf(args));
		CommandLine command = ex.getCommandLine();
		this.err.println("migrator: " + secrets.mask(ex.getMessage()));
		this.err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
		this.err.flush();
		return Failures.USAGE;
	}

	private String passwordOf(String[] args) {
		String password = argument(args, "--password");
		return (password != null) ? password : this.environment.get(CliSettings.ENV_PASSWORD);
	}

	private static String argument(String[] args, String option) {
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals(option) && i + 1 < args.length) {
				return args[i + 1];
			}
			if (args[i].startsWith(option + "=")) {
				return args[i].substring(option.length() + 1);
			}
		}
		return null;
	}

	Map<String, String> environment() {
		return this.environment;
	}

	PrintWriter out() {
		return this.out;
	}

	PrintWriter err() {
		return this.err;
	}

	/**
	 * Reads the version from the jar's manifest.
	 */
	static final class ManifestVersion implements IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = MigratorCli.class.getPackage().getImplementationVersion();
			return new String[] { "migrator " + ((version != null) ? version : "(development build)") };
		}

	}

}
