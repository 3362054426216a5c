package io.migrator.boot.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.migrator.boot.actuate.metrics.MigratorMetricsListener;
import io.migrator.boot.actuate.metrics.MigratorObservationListener;
import io.migrator.boot.actuate.metrics.MigratorStatusGauges;
import io.migrator.core.Migrator;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for migrator's Micrometer metrics: the {@code migrator.schema.version}
 * and {@code migrator.migrations.pending} gauges, and the {@code migrator.migration} timer
 * where no observation of each migration gives it already.
 */
@AutoConfiguration(after = { MigratorAutoConfiguration.class, MigratorObservationAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ Migrator.class, MeterRegistry.class })
@ConditionalOnBean({ Migrator.class, MeterRegistry.class })
public final class MigratorMetricsAutoConfiguration {

	// Long enough that the two gauges of one scrape share one status query.
	private static final Duration STATUS_MAX_AGE = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean
	MigratorStatusGauges migratorStatusGauges(MeterRegistry registry, ListableBeanFactory beanFactory) {
		return new MigratorStatusGauges(registry, beanFactory, STATUS_MAX_AGE);
	}

	// One timer per migration: when migrations are observed, the observation is the timer.
	@Bean
	@ConditionalOnMissingBean({ MigratorMetricsListener.class, MigratorObservationListener.class })
	MigratorMetricsListener migratorMetricsListener(MeterRegistry registry) {
		return new MigratorMetricsListener(registry);
	}

}
