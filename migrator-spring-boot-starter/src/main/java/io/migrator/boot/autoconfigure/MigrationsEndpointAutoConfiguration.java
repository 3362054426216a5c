package io.migrator.boot.autoconfigure;

import java.time.Duration;

import io.migrator.boot.actuate.endpoint.MigrationsEndpoint;
import io.migrator.boot.status.MigrationStatusCache;
import io.migrator.core.Migrator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link MigrationsEndpoint}.
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class)
@ConditionalOnClass({ Migrator.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
@EnableConfigurationProperties(MigrationsEndpointProperties.class)
public final class MigrationsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	MigrationsEndpoint migrationsEndpoint(ApplicationContext context, ObjectProvider<MigrationStatusCache> statusCache,
			MigrationsEndpointProperties properties) {
		return new MigrationsEndpoint(context, statusCache.getIfAvailable(() -> new MigrationStatusCache(Duration.ZERO)),
				properties.getDrift().isEnabled());
	}

}
