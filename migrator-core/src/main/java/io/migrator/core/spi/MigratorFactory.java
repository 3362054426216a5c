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

	/**
	 * Opens a scope in which migrators with the same sources (locations, recursion, class
	 * loader and Java migration instances) share one scanned, hashed catalog, so that a
	 * run over many tenants scans and hashes the files once.
	 * {@link io.migrator.core.TenantMigrations} opens one around each run. Implementations
	 * without such sharing return a scope that does nothing.
	 * @return the scope; close it when the run is over
	 */
	default CatalogSharing shareCatalogs() {
		return () -> {
		};
	}

	/**
	 * A scope opened by {@link #shareCatalogs()}.
	 */
	interface CatalogSharing extends AutoCloseable {

		/**
		 * Ends the scope; catalogs are scanned again once no scope is open.
		 */
		@Override
		void close();

	}

}
