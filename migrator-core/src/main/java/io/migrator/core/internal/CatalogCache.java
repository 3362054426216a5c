package io.migrator.core.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.migrator.core.Location;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.internal.source.MigrationCatalog;

/**
 * Loads the sources of one migrator. Scanning the locations and hashing every file starts
 * on another thread, so that this local work overlaps the round trips of opening a
 * connection and reading the history (which only reads: nothing is written before the
 * sources are known to be valid). A catalog of classpath locations only is loaded once and
 * kept: health checks, gauges and the endpoint call {@code status()} often, and must not
 * rescan a fat jar and hash every file each time. Migrators of many tenants share one
 * catalog while {@link SharedCatalogs} has a scope open.
 */
final class CatalogCache {

	private final MigratorConfiguration configuration;

	private final boolean fixed;

	private volatile CompletableFuture<MigrationCatalog> fixedCatalog;

	CatalogCache(MigratorConfiguration configuration) {
		this.configuration = configuration;
		// Classpath resources do not change while a class loader lives; files on disk may be
		// edited between two operations of one migrator (repair after a fix, for one).
		this.fixed = configuration.source().locations().stream().noneMatch(Location::isFilesystem);
	}

	/**
	 * Starts loading the catalog, or returns the one kept.
	 * @return the catalog being loaded
	 */
	Loading load() {
		CompletableFuture<MigrationCatalog> kept = this.fixedCatalog;
		if (kept != null && !kept.isCompletedExceptionally()) {
			return new Loading(kept);
		}
		CompletableFuture<MigrationCatalog> loading = SharedCatalogs.sharedOrLoad(this.configuration,
				() -> CompletableFuture.supplyAsync(() -> MigrationCatalog.load(this.configuration).hashAll()));
		if (this.fixed) {
			this.fixedCatalog = loading;
		}
		return new Loading(loading);
	}

	/**
	 * A catalog being loaded.
	 *
	 * @param future completes with the catalog
	 */
	record Loading(CompletableFuture<MigrationCatalog> future) {

		/**
		 * Waits for the catalog.
		 * @return the catalog
		 * @throws RuntimeException what loading threw, as thrown
		 */
		MigrationCatalog await() {
			try {
				return this.future.join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException cause) {
					throw cause;
				}
				throw ex;
			}
		}

	}

}
