package io.migrator.boot.autoconfigure;

import io.migrator.boot.actuate.endpoint.DriftDescriptor;
import io.migrator.boot.actuate.endpoint.MigrationsEndpoint;
import io.migrator.boot.actuate.endpoint.MigrationsEndpoint.MigratorDescriptor;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's drift summary: off by default, and when enabled computed against the real
 * database on each call.
 */
@FreshDatabase
class MigrationsEndpointDriftTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
				MigrationsEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=migrations");

	private final TestDatabase database;

	MigrationsEndpointDriftTests(TestDatabase database) {
		this.database = database;
	}

	@Test
	void driftIsNotComputedByDefault() {
		DatabaseState state = new DatabaseState(this.database, "drift_off");
		this.contextRunner.withPropertyValues(state.properties("apply")).run((context) -> {
			assertThat(context).hasNotFailed();
			MigratorDescriptor migrator = context.getBean(MigrationsEndpoint.class).migrations().migrators().get("migrator");
			assertThat(migrator.currentVersion()).isEqualTo(2);
			assertThat(migrator.drift()).isNull();
		});
	}

	@Test
	void whenEnabledEachCallReportsTheDriftOfTheLiveSchema() {
		DatabaseState state = new DatabaseState(this.database, "drift_on");
		this.contextRunner.withPropertyValues(state.properties("apply"))
			.withPropertyValues("management.endpoint.migrations.drift.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
				DriftDescriptor clean = endpoint.migrations().migrators().get("migrator").drift();
				assertThat(clean.drift()).isFalse();
				assertThat(clean.replayedVersions()).containsExactly(1L, 2L);
				assertThat(clean.error()).isNull();
				state.execute("CREATE INDEX accounts_email ON accounts (email)");
				DriftDescriptor drifted = endpoint.migrations().migrators().get("migrator").drift();
				assertThat(drifted.drift()).isTrue();
				assertThat(drifted.differences())
					.containsExactly(new DriftDescriptor.DifferenceDescriptor("index", "accounts_email", "added"));
				assertThat(state.appliedVersions()).containsExactly(1L, 2L);
			});
	}

}
