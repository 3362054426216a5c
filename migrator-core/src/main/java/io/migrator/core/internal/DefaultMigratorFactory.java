package io.migrator.core.internal;

import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.spi.MigratorFactory;

/**
 * Creates {@link DefaultMigrator}s; registered in {@code META-INF/services}.
 */
public final class DefaultMigratorFactory implements MigratorFactory {

	@Override
	public Migrator create(MigratorConfiguration configuration) {
		return new DefaultMigrator(configuration);
	}

	@Override
	public CatalogSharing shareCatalogs() {
		return SharedCatalogs.open();
	}

}
