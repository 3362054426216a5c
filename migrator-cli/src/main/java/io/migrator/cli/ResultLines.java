package io.migrator.cli;

import io.migrator.core.MigrationListener;
import io.migrator.core.MigrationResult;

/**
 * Prints each migration's result line as soon as it finishes, so a long run shows where it
 * is, and every migration takes one line. A migration still running after a while is
 * reported by the engine's progress log on stderr.
 */
final class ResultLines implements MigrationListener {

	private final Console console;

	private int printed;

	ResultLines(Console console) {
		this.console = console;
	}

	@Override
	public void afterMigration(MigrationResult result) {
		if (!this.console.json()) {
			this.console.info(Reports.line(result));
			this.printed++;
		}
	}

	/**
	 * Returns how many results were printed, so the final report does not repeat them.
	 * @return the count
	 */
	int printed() {
		return this.printed;
	}

}
