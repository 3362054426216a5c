package io.migrator.core.spi;

import java.nio.file.Path;
import java.time.Clock;

import io.migrator.core.MigrationAuthoring;

/**
 * Creates the implementation behind {@link MigrationAuthoring}. Found with
 * {@link java.util.ServiceLoader} so that the public API never depends on the
 * implementation.
 */
public interface MigrationAuthoringFactory {

	/**
	 * Creates the authoring operations for one directory.
	 * @param directory the migrations directory
	 * @param clock where timestamp versions come from
	 * @return the authoring operations
	 */
	MigrationAuthoring create(Path directory, Clock clock);

}
