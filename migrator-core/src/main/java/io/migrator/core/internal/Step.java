package io.migrator.core.internal;

import io.migrator.core.Direction;
import io.migrator.core.internal.source.MigrationSource;

/**
 * One migration to run in one direction.
 *
 * @param source the migration
 * @param direction which way
 * @param historyRowOnly whether this down step only removes the history row of a
 * migration that has no down part, as explicitly allowed
 */
record Step(MigrationSource source, Direction direction, boolean historyRowOnly) {

	Step(MigrationSource source, Direction direction) {
		this(source, direction, false);
	}

	String describe() {
		return "version " + this.source.version() + " (" + this.source.description() + ") "
				+ this.direction.name().toLowerCase(java.util.Locale.ROOT);
	}

}
