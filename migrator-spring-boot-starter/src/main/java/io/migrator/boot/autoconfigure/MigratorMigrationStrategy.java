package io.migrator.boot.autoconfigure;

import io.migrator.core.Migrator;

/**
 * Replaces what the apply and job modes do with each {@link Migrator} at startup. The
 * default applies pending migrations, honouring {@code migrator.target},
 * {@code migrator.baseline-on-migrate} and {@code migrator.adopt-from}; define a bean of
 * this type to do something else (for example {@code repair()} before {@code up()}). The
 * validate mode's guard is not replaced.
 */
@FunctionalInterface
public interface MigratorMigrationStrategy {

	/**
	 * Migrates the schema of one migrator at startup.
	 * @param migrator the migrator to use
	 */
	void migrate(Migrator migrator);

}
