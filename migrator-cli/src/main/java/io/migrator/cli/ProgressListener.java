package io.migrator.cli;

import java.io.PrintWriter;

import io.migrator.core.Direction;
import io.migrator.core.MigrationListener;

/**
 * Shows on stderr which migration is running, so a long run is never silent.
 */
final class ProgressListener implements MigrationListener {

	private final PrintWriter err;

	ProgressListener(PrintWriter err) {
		this.err = err;
	}

	@Override
	public void beforeMigration(long version, String description, Direction direction) {
		this.err.println(((direction == Direction.DOWN) ? "<- version " : "-> version ") + version + " " + description);
		this.err.flush();
	}

}
