package io.migrator.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code migrator} command line: goose's commands against migrator's engine.
 * <p>
 * Exit codes: 0 success; 1 a migration failed, validation found a problem, or
 * {@code check} found something pending or inconsistent; 2 usage or configuration error.
 */
@Command(name = "migrator", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
		versionProvider = MigratorCli.ManifestVersion.class,
		description = { "Database migrations in the spirit of goose. Options go before or after the command; "
				+ "goose's form 'migrator [options] postgres DSN COMMAND' works too." },
		commandListHeading = "%nCommands:%n",
		footerHeading = "%nExit codes:%n",
		footer = { "  0  success",
				"  1  a migration failed, validation found a problem, or check found something pending or "
						+ "inconsistent",
				"  2  usage or configuration error" })
public final class MigratorCli implements Callable<Integer> {

	private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

	private static final String SIMPLE_LOGGER_EXECUTE_LEVEL = "org.slf4j.simpleLogger.log.io.migrator.core.internal.execute";

	/**
	 * pgjdbc logs through java.util.logging, and its warnings quoted what the user passed
	 * (a password written into the URL, for one). Everything the driver has to say reaches
	 * the user through its exceptions, which are masked; its log is switched off. Kept in a
	 * field: java.util.logging holds loggers weakly and would forget the level.
	 */
	private static final java.util.logging.Logger DRIVER_LOG = java.util.logging.Logger.getLogger("org.postgresql");

	/**
	 * The commands in the order help lists them. Building picocli's model of a command
	 * reads its annotations reflectively, which cost most of a start-up; only the commands
	 * named on the command line get a model (see {@link #commandLine}).
	 */
	private static final Map<String, Class<?>> COMMANDS = commands();

	/** goose's driver names, for {@code migrator postgres "DSN" status} as goose is called. */
	private static final List<String> GOOSE_DRIVERS = List.of("postgres", "postgresql", "pgx");

	/** Options that take no value: the word after one of them is not that option's value. */
	private static final Set<String> BOOLEAN_OPTIONS = Set.of("--json", "--quiet", "-q", "--verbose", "-v",
			"--allow-out-of-order", "--allow-missing", "-allow-missing", "--ignore-missing",
			"--remove-history-row-when-no-down", "-h", "--help", "-V", "--version");

	@Mixin
	Options.Database database;

	@Mixin
	Options.HistoryTable historyTable;

	@Mixin
	Options.Directories directories;

	@Mixin
	Options.JavaClasses javaClasses;

	@Mixin
	Options.SourceEncoding sourceEncoding;

	@Mixin
	Options.Ordering ordering;

	@Mixin
	Options.MissingVersions missingVersions;

	@Mixin
	Options.NoDownPart noDownPart;

	@Mixin
	Options.Output output;

	@Spec
	CommandSpec spec;

	private final Map<String, String> environment;

	private final Path workingDirectory;

	private PrintWriter out;

	private PrintWriter err;

	private MigratorCli(Map<String, String> environment, Path workingDirectory) {
		this.environment = environment;
		this.workingDirectory = workingDirectory;
	}

	public static void main(String[] args) {
		// Before the first logger exists: slf4j-simple reads its levels once.
		List<String> arguments = Arrays.asList(args);
		if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
			if (arguments.contains("--verbose") || arguments.contains("-v")) {
				System.setProperty(SIMPLE_LOGGER_LEVEL, "debug");
				System.setProperty(SIMPLE_LOGGER_EXECUTE_LEVEL, "debug");
			}
			else if (arguments.contains("--quiet") || arguments.contains("-q")) {
				System.setProperty(SIMPLE_LOGGER_EXECUTE_LEVEL, "warn");
			}
		}
		System.exit(execute(args, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath()));
	}

	/**
	 * Runs one command line without exiting the JVM, in the current directory.
	 * @param args the arguments
	 * @param out where results go
	 * @param err where progress and errors go
	 * @param environment the environment variables ({@code MIGRATOR_URL} etc.)
	 * @return the exit code
	 */
	static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
		return execute(args, out, err, environment, Path.of("").toAbsolutePath());
	}

	/**
	 * Runs one command line without exiting the JVM.
	 * @param args the arguments
	 * @param out where results go
	 * @param err where progress and errors go
	 * @param environment the environment variables ({@code MIGRATOR_URL} etc.)
	 * @param workingDirectory where {@code .env} is looked for
	 * @return the exit code
	 */
	static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
			Path workingDirectory) {
		silenceDriverLogging();
		MigratorCli cli = new MigratorCli(environment, workingDirectory);
		cli.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
		cli.err = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
		String[] arguments = gooseStyle(args, COMMANDS.keySet());
		CommandLine commandLine = commandLine(cli, arguments).setCaseInsensitiveEnumValuesAllowed(true)
			.setOut(cli.out)
			.setErr(cli.err)
			.setParameterExceptionHandler(cli::usageError)
			.setExecutionStrategy(cli::versionAsJsonOrRun);
		try {
			return commandLine.execute(arguments);
		}
		finally {
			cli.out.flush();
			cli.err.flush();
		}
	}

	/**
	 * Builds the command line. Only the commands named in the arguments get their full
	 * model; the others are bare names, enough for picocli to recognise them, to suggest one
	 * for a typo and to list them when no command is given. The root's help and completion
	 * describe every command, so they build every model (half of {@code --version}'s time
	 * went into models it never showed).
	 */
	static CommandLine commandLine(MigratorCli cli, String[] args) {
		CommandLine commandLine = new CommandLine(cli);
		Set<String> named = new HashSet<>(Arrays.asList(args));
		boolean rootHelp = (named.contains("--help") || named.contains("-h"))
				&& COMMANDS.keySet().stream().noneMatch(named::contains);
		boolean describesAll = named.contains("completion") || rootHelp;
		COMMANDS.forEach((name, type) -> {
			if (describesAll || named.contains(name)) {
				commandLine.addSubcommand(name, new CommandLine(type, CommandLine.defaultFactory()));
			}
			else {
				commandLine.addSubcommand(name, CommandSpec.create().name(name));
			}
		});
		return commandLine;
	}

	private static Map<String, Class<?>> commands() {
		Map<String, Class<?>> commands = new LinkedHashMap<>();
		commands.put("up", RunCommands.Up.class);
		commands.put("up-by-one", RunCommands.UpByOne.class);
		commands.put("up-to", RunCommands.UpTo.class);
		commands.put("down", RunCommands.Down.class);
		commands.put("down-to", RunCommands.DownTo.class);
		commands.put("redo", RunCommands.Redo.class);
		commands.put("reset", RunCommands.Reset.class);
		commands.put("status", InspectCommands.Status.class);
		commands.put("version", InspectCommands.Version.class);
		commands.put("validate", InspectCommands.Validate.class);
		commands.put("check", InspectCommands.Check.class);
		commands.put("drift", DriftCommand.class);
		commands.put("dry-run", RunCommands.DryRun.class);
		commands.put("baseline", RunCommands.Baseline.class);
		commands.put("repair", RunCommands.Repair.class);
		commands.put("adopt", RunCommands.Adopt.class);
		commands.put("create", AuthoringCommands.Create.class);
		commands.put("fix", AuthoringCommands.Fix.class);
		commands.put("completion", CompletionCommand.class);
		return Collections.unmodifiableMap(commands);
	}

	static void silenceDriverLogging() {
		DRIVER_LOG.setLevel(java.util.logging.Level.OFF);
	}

	/**
	 * Turns goose's {@code [options] postgres "DSN" COMMAND} into {@code --url "DSN" COMMAND},
	 * so a goose command line works unchanged. Only when the driver name stands right before
	 * a DSN and a command, and is not the value of an option.
	 */
	static String[] gooseStyle(String[] args, Set<String> commands) {
		for (int i = 0; i + 2 < args.length; i++) {
			if (commands.contains(args[i])) {
				break;
			}
			boolean isOptionValue = i > 0 && args[i - 1].startsWith("-") && !args[i - 1].contains("=")
					&& !BOOLEAN_OPTIONS.contains(args[i - 1]);
			if (!isOptionValue && GOOSE_DRIVERS.contains(args[i].toLowerCase(Locale.ROOT))
					&& commands.contains(args[i + 2])) {
				List<String> rewritten = new ArrayList<>(Arrays.asList(args));
				rewritten.set(i, "--url");
				return rewritten.toArray(String[]::new);
			}
		}
		return args;
	}

	@Override
	public Integer call() {
		GlobalOptions options = new GlobalOptions();
		addGroups(this.spec, options);
		String message = "no command given. Commands: " + String.join(" ", this.spec.subcommands().keySet())
				+ ". Run 'migrator --help' for the options.";
		if (options.json) {
			printUsageErrorJson(message);
		}
		this.err.println("migrator: " + message);
		return Failures.USAGE;
	}

	/**
	 * With {@code --json}, {@code --version} is a JSON document too: stdout carries exactly
	 * one, whatever was asked. Everything else runs as picocli runs it (help first).
	 */
	private int versionAsJsonOrRun(ParseResult parsed) {
		boolean help = false;
		boolean version = false;
		for (ParseResult level = parsed; level != null; level = level.subcommand()) {
			help |= level.isUsageHelpRequested();
			version |= level.isVersionHelpRequested();
		}
		if (version && !help && parsed.originalArgs().contains("--json")) {
			jsonConsole().printJson(Map.of("version", ManifestVersion.number()));
			return Failures.OK;
		}
		return new CommandLine.RunLast().execute(parsed);
	}

	/**
	 * Adds the option groups a command mixes in to the resolved options.
	 * @param command the command
	 * @param options what to add to
	 */
	static void addGroups(CommandSpec command, GlobalOptions options) {
		if (command == null) {
			return;
		}
		for (CommandSpec mixin : command.mixins().values()) {
			if (mixin.userObject() instanceof Options.Group group) {
				group.addTo(options);
			}
		}
	}

	/**
	 * Reports a command-line mistake in one line plus suggestions and where to find help,
	 * masking a password the arguments carried; as JSON too with {@code --json}.
	 */
	private int usageError(ParameterException ex, String[] args) {
		String message = Secrets.maskQuotedArgument(ex.getMessage(), argument(args, "--password"));
		CommandLine command = ex.getCommandLine();
		StringWriter suggestions = new StringWriter();
		UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(suggestions));
		String suggestion = suggestions.toString().strip();
		if (Arrays.asList(args).contains("--json")) {
			printUsageErrorJson(message + (suggestion.isEmpty() ? "" : " " + suggestion));
		}
		this.err.println("migrator: " + message);
		if (!suggestion.isEmpty()) {
			this.err.println(suggestion);
		}
		this.err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
		this.err.flush();
		return Failures.USAGE;
	}

	private void printUsageErrorJson(String message) {
		Map<String, Object> error = Json.object();
		error.put("code", "USAGE");
		error.put("exitCode", Failures.USAGE);
		error.put("message", message);
		jsonConsole().printJson(Map.of("error", error));
	}

	private Console jsonConsole() {
		return new Console(this.out, this.err, true, false, false);
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

	Path workingDirectory() {
		return this.workingDirectory;
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
			return new String[] { "migrator " + number() };
		}

		static String number() {
			String version = MigratorCli.class.getPackage().getImplementationVersion();
			return (version != null) ? version : "(development build)";
		}

	}

}
