package io.migrator.boot.autoconfigure;

import io.migrator.boot.actuate.endpoint.MigrationsEndpoint;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@link MigrationsEndpoint}, under {@code management.endpoint.migrations}
 * like Spring Boot's own endpoint settings.
 */
@ConfigurationProperties("management.endpoint.migrations")
public class MigrationsEndpointProperties {

	private final Drift drift = new Drift();

	public Drift getDrift() {
		return this.drift;
	}

	/**
	 * The drift summary: on every call, each migrator's applied migrations are replayed
	 * into a scratch schema and compared with the live schema.
	 */
	public static class Drift {

		/**
		 * Whether the endpoint includes a drift summary for each migrator. Costly: every call
		 * replays all applied migrations into a scratch schema of the application's
		 * database (dropped afterwards).
		 */
		private boolean enabled = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
