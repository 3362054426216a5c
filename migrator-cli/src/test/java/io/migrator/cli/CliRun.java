package io.migrator.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One in-process run of the CLI's entry point, with what it wrote and its exit code.
 *
 * @param exitCode the exit code
 * @param out what it wrote to stdout
 * @param err what it wrote to stderr
 */
record CliRun(int exitCode, String out, String err) {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** A working directory without a .env file, so that a developer's own file cannot leak in. */
	private static final Path NO_ENV_FILE_HERE = Path.of("target");

	static CliRun of(Map<String, String> environment, String... args) {
		return in(NO_ENV_FILE_HERE, environment, args);
	}

	/**
	 * Runs with the given working directory, where a {@code .env} file is read from.
	 * @param workingDirectory the working directory
	 * @param environment the environment
	 * @param args the arguments
	 * @return the run
	 */
	static CliRun in(Path workingDirectory, Map<String, String> environment, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = MigratorCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), environment, workingDirectory);
		return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	static CliRun of(String... args) {
		return of(Map.of(), args);
	}

	/**
	 * Parses stdout, which must be exactly one JSON document.
	 * @return the parsed JSON
	 */
	JsonNode json() {
		return JSON.readTree(this.out);
	}

	String all() {
		return this.out + this.err;
	}

	@Override
	public String toString() {
		return "exit " + this.exitCode + "\n--- stdout\n" + this.out + "--- stderr\n" + this.err;
	}

}
