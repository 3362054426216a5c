package io.migrator.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Collects the Markdown report; prints each section as soon as it is done and progress
 * lines to stderr.
 */
final class Report {

	private final StringBuilder text = new StringBuilder();

	private final Path out;

	Report(Path out) {
		this.out = out;
	}

	void section(String title, String body) {
		String section = "### " + title + "\n\n" + body + "\n";
		this.text.append(section);
		System.out.println(section);
		System.out.flush();
		save();
	}

	void progress(String format, Object... args) {
		System.err.printf("[bench] " + format + "%n", args);
	}

	private void save() {
		if (this.out == null) {
			return;
		}
		try {
			Files.writeString(this.out, this.text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.out, ex);
		}
	}

}
