package io.migrator.boot.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import io.migrator.boot.actuate.metrics.MigratorObservationListener;
import io.migrator.core.Migrator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for Micrometer observations around migrator's runs and migrations.
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ Migrator.class, ObservationRegistry.class })
@ConditionalOnBean({ Migrator.class, ObservationRegistry.class })
public final class MigratorObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigratorObservationListener migratorObservationListener(ObservationRegistry observationRegistry) {
		return new MigratorObservationListener(observationRegistry);
	}

}
