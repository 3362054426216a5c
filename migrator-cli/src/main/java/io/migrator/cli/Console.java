package io.migrator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import io.migrator.core.MigrationFailedException;

/**
 * Where a command writes: results to stdout (exactly one JSON document with
 * {@code --json}), progress and errors to stderr.
 */
final class Console {

	/**
	 * The version of the JSON output's shape, the first key of every document. Raised when a
	 * key is renamed or removed or changes meaning; adding a key does not raise it.
	 */
	static final int JSON_FORMAT_VERSION = 1;

	private final PrintWriter out;

	private final PrintWriter err;

	private final boolean json;

	private final boolean quiet;

	private final boolean verbose;

	private final ResultLines lines = new ResultLines(this);

	Console(PrintWriter out, PrintWriter err, boolean json, boolean quiet, boolean verbose) {
		this.out = out;
		this.err = err;
		this.json = json;
		this.quiet = quiet;
		this.verbose = verbose;
	}

	/**
	 * Returns the listener that prints each migration's line as it finishes.
	 * @return the listener
	 */
	ResultLines lines() {
		return this.lines;
	}

	boolean json() {
		return this.json;
	}

	/**
	 * Prints one JSON document with {@code formatVersion} first.
	 * @param document the top-level keys and values
	 */
	void printJson(Map<String, ?> document) {
		Map<String, Object> versioned = Json.object();
		versioned.put("formatVersion", JSON_FORMAT_VERSION);
		versioned.putAll(document);
		this.out.println(Json.write(versioned));
		this.out.flush();
	}

	/**
	 * Prints a line of the command's result (not with {@code --json}).
	 * @param line the line
	 */
	void println(String line) {
		this.out.println(line);
		this.out.flush();
	}

	/**
	 * Prints a line of the command's result unless {@code --quiet}.
	 * @param line the line
	 */
	void info(String line) {
		if (!this.quiet) {
			println(line);
		}
	}

	/**
	 * Reports a failure on stderr (and as JSON on stdout with {@code --json}).
	 * @param failure what went wrong
	 * @return the exit code
	 */
	int fail(Throwable failure) {
		int exitCode = Failures.exitCode(failure);
		// The message may quote a driver message or a URL: mask what a URL or DSN holds.
		String message = Secrets.maskUrls(Failures.message(failure));
		Map<String, Object> error = Failures.describe(failure, exitCode, message);
		if (failure instanceof MigrationFailedException migrationFailed) {
			Reports.printRun(this, migrationFailed.getPartialResult(), this.lines.printed(), error);
		}
		else if (this.json) {
			printJson(Map.of("error", error));
		}
		this.err.println("migrator: " + message);
		if (this.verbose) {
			StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			this.err.print(Secrets.maskUrls(trace.toString()));
		}
		this.err.flush();
		return exitCode;
	}

}
