package io.migrator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import io.migrator.core.MigrationFailedException;

/**
 * Where a command writes: results to stdout (JSON only with {@code --json}), progress
 * and errors to stderr, passwords masked in everything that could echo them.
 */
final class Console {

	private final PrintWriter out;

	private final PrintWriter err;

	private final boolean json;

	private final boolean verbose;

	private final Secrets secrets;

	Console(PrintWriter out, PrintWriter err, boolean json, boolean verbose, Secrets secrets) {
		this.out = out;
		this.err = err;
		this.json = json;
		this.verbose = verbose;
		this.secrets = secrets;
	}

	boolean json() {
		return this.json;
	}

	PrintWriter out() {
		return this.out;
	}

	PrintWriter err() {
		return this.err;
	}

	void printJson(Object value) {
		this.out.println(this.secrets.mask(Json.write(value)));
		this.out.flush();
	}

	void println(String line) {
		this.out.println(this.secrets.mask(line));
		this.out.flush();
	}

	void note(String line) {
		this.err.println(this.secrets.mask(line));
		this.err.flush();
	}

	/**
	 * Reports a failure on stderr (and as JSON on stdout with {@code --json}).
	 * @param failure what went wrong
	 * @return the exit code
	 */
	int fail(Throwable failure) {
		int exitCode = Failures.exitCode(failure);
		String message = this.secrets.mask(Failures.message(failure));
		if (failure instanceof MigrationFailedException migrationFailed) {
			Reports.printRun(this, migrationFailed.getPartialResult(), error(failure, exitCode, message));
		}
		else if (this.json) {
			printJson(Map.of("error", error(failure, exitCode, message)));
		}
		this.err.println("migrator: " + message);
		if (this.verbose) {
			StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			this.err.print(this.secrets.mask(trace.toString()));
		}
		this.err.flush();
		return exitCode;
	}

	private static Map<String, Object> error(Throwable failure, int exitCode, String message) {
		Map<String, Object> error = Json.object();
		error.put("code", Failures.code(failure));
		error.put("exitCode", exitCode);
		error.put("message", message);
		if (failure instanceof MigrationFailedException migrationFailed && migrationFailed.getLocation() != null) {
			MigrationFailedException.FailureLocation location = migrationFailed.getLocation();
			error.put("version", location.version());
			error.put("source", location.source());
			error.put("statementNumber", location.statementNumber());
			error.put("line", location.line());
			error.put("sqlState", location.sqlState());
		}
		return error;
	}

}
