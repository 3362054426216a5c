package io.migrator.core.internal;

import io.migrator.core.Direction;
import io.migrator.core.internal.source.MigrationSource;

/**
 * One migration to run in one direction.
 *
 * @param source the migration
 * @param direction which way
 */
record Step(MigrationSource source, Direction direction) {

	String describe() {
		return "version " + this.source.version() + " (" + this.source.description() + ") "
				+ this.direction.name().toLowerCase(java.util.Locale.ROOT);
	}

}
