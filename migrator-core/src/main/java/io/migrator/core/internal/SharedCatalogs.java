package io.migrator.core.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.migrator.core.Location;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.spi.MigratorFactory;

/**
 * One scanned, hashed catalog per set of sources while a sharing scope is open: a
 * multi-tenant run builds one migrator per tenant from the same files, and scanning and
 * hashing them once per tenant cost more than the tenant's one history query.
 * <p>
 * Sources are the same when the locations, recursion, class loader and the very Java
 * migration instances are: instances are compared by identity, because a migration
 * object built for one tenant may hold that tenant's state. ENVSUB variables play no part:
 * a catalog holds names and checksums of raw bytes; each run parses with its own
 * variables.
 */
final class SharedCatalogs {

	// Guarded by lock, like openScopes.
	private static final Map<Key, CompletableFuture<MigrationCatalog>> catalogs = new HashMap<>();

	private static final Object lock = new Object();

	private static int openScopes;

	private SharedCatalogs() {
	}

	/**
	 * Opens a scope; catalogs are shared until every open scope is closed.
	 * @return the scope
	 */
	static MigratorFactory.CatalogSharing open() {
		synchronized (lock) {
			openScopes++;
		}
		return new MigratorFactory.CatalogSharing() {

			private boolean closed;

			@Override
			public void close() {
				synchronized (lock) {
					if (!this.closed) {
						this.closed = true;
						openScopes--;
						if (openScopes == 0) {
							// Files on disk may change between two runs: the next run scans again.
							catalogs.clear();
						}
					}
				}
			}

		};
	}

	/**
	 * Returns the shared catalog of these sources, loading it first when needed; without
	 * an open scope, just loads.
	 * @param configuration the migrator's configuration
	 * @param load starts loading the catalog
	 * @return the catalog being loaded or loaded
	 */
	static CompletableFuture<MigrationCatalog> sharedOrLoad(MigratorConfiguration configuration,
			Supplier<CompletableFuture<MigrationCatalog>> load) {
		synchronized (lock) {
			if (openScopes == 0) {
				return load.get();
			}
			Key key = new Key(configuration.source().locations(), configuration.source().recursive(),
					new SameObject(configuration.source().classLoader()),
					configuration.source().javaMigrations().stream().map(SameObject::new).toList());
			CompletableFuture<MigrationCatalog> shared = catalogs.get(key);
			if (shared == null || shared.isCompletedExceptionally()) {
				shared = load.get();
				catalogs.put(key, shared);
			}
			return shared;
		}
	}

	private record Key(List<Location> locations, boolean recursive, SameObject classLoader,
			List<SameObject> javaMigrations) {
	}

	/**
	 * Equal only to a wrapper of the very same object.
	 */
	private record SameObject(Object object) {

		@Override
		public boolean equals(Object other) {
			return other instanceof SameObject same && same.object == this.object;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.object);
		}

	}

}
