package io.migrator.boot.autoconfigure;

import java.util.Map;

import io.migrator.boot.autoconfigure.MigratorProperties.Mode;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In job mode ({@code migrator.mode=job}) turns the application into a non-web one, so the
 * Kubernetes Job that reuses the application image never starts a web server or binds a
 * port.
 */
class MigratorJobEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "migratorJobMode";

	// After config data, so migrator.mode from application.properties is visible.
	private static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		boolean enabled = binder.bind("migrator.enabled", Boolean.class).orElse(true);
		Mode mode = binder.bind("migrator.mode", Mode.class).orElse(Mode.APPLY);
		if (enabled && mode == Mode.JOB) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("spring.main.web-application-type", "none")));
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
