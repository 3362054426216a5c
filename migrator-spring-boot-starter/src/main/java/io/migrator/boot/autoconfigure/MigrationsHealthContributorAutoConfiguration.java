package io.migrator.boot.autoconfigure;

import java.time.Duration;

import io.migrator.boot.actuate.health.MigrationRunTracker;
import io.migrator.boot.actuate.health.MigrationsHealthIndicator;
import io.migrator.boot.status.MigrationStatusCache;
import io.migrator.core.Migrator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@code migrations} health contributor: one
 * {@link MigrationsHealthIndicator} per {@link Migrator} bean.
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class)
@ConditionalOnClass({ Migrator.class, HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Migrator.class)
@ConditionalOnEnabledHealthIndicator("migrations")
public final class MigrationsHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<MigrationsHealthIndicator, Migrator> {

	MigrationsHealthContributorAutoConfiguration(ObjectProvider<MigrationRunTracker> tracker,
			ObjectProvider<MigrationStatusCache> statusCache) {
		super((migrator) -> new MigrationsHealthIndicator(migrator, tracker.getIfAvailable(),
				statusCache.getIfAvailable(() -> new MigrationStatusCache(Duration.ZERO))));
	}

	@Bean
	@ConditionalOnMissingBean
	static MigrationRunTracker migrationRunTracker() {
		return new MigrationRunTracker();
	}

	@Bean
	@ConditionalOnMissingBean(name = { "migrationsHealthIndicator", "migrationsHealthContributor" })
	HealthContributor migrationsHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, Migrator.class);
	}

}
