package io.migrator.boot.autoconfigure;

import io.migrator.core.MigratorBuilder;

/**
 * Callback for beans that adjust the auto-configured {@link MigratorBuilder} after the
 * {@code migrator.*} properties were applied. Applied in {@code @Order} order.
 */
@FunctionalInterface
public interface MigratorCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder to customize
	 */
	void customize(MigratorBuilder builder);

}
