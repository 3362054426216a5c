package io.migrator.test;

import io.migrator.core.MigratorBuilder;

/**
 * Adjusts the migrators that {@link MigratorTest} builds, e.g. to add the Java migrations
 * that a Spring application would get as beans.
 *
 * <pre class="code">
 * public class ShopMigrations implements MigratorCustomizer {
 *
 * 	&#064;Override
 * 	public void customize(MigratorBuilder builder) {
 * 		builder.javaMigrations(new SeedCountriesMigration(new CountryCatalog()));
 * 	}
 *
 * }
 * </pre>
 */
@FunctionalInterface
public interface MigratorCustomizer {

	/**
	 * Adjusts a builder whose data source and locations are already set.
	 * @param builder the builder
	 */
	void customize(MigratorBuilder builder);

}
