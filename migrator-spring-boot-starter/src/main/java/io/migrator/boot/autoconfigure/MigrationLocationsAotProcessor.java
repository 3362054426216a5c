package io.migrator.boot.autoconfigure;

import java.util.List;

import io.migrator.core.MigratorBuilder;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Registers resource hints for the {@code migrator.locations} configured when the
 * application is processed ahead of time, so that a native image contains their files and
 * build-time index.
 */
class MigrationLocationsAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		if (!beanFactory.containsBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)) {
			return null;
		}
		Environment environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
				Environment.class);
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return null;
		}
		Binder binder = Binder.get(configurable);
		List<String> locations = binder.bind("migrator.locations", Bindable.listOf(String.class))
			.orElse(List.of(MigratorBuilder.DEFAULT_LOCATION));
		boolean recursive = binder.bind("migrator.recursive", Boolean.class).orElse(false);
		return (generationContext, code) -> locations.forEach((location) -> MigratorRuntimeHints
			.registerLocation(generationContext.getRuntimeHints(), location, recursive));
	}

}
