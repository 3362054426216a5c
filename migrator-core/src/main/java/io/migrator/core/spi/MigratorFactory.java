package io.migrator.core.spi;

import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfiguration;

/**
 * Creates the engine behind {@link Migrator}. Found with {@link java.util.ServiceLoader}
 * so that the public API never depends on the implementation.
 */
public interface MigratorFactory {

	/**
	 * Creates a migrator for a validated configuration.
	 * @param configuration the configuration
	 * @return the migrator
	 */
	Migrator create(MigratorConfiguration configuration);

}
