package io.migrator.boot.docker.compose;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.migrator.boot.autoconfigure.MigratorAutoConfiguration;
import io.migrator.boot.autoconfigure.MigratorConnectionDetails;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Testcontainers and Docker Compose factories of {@link MigratorConnectionDetails} are
 * registered where Boot looks for them, and the Compose one connects migrations to the
 * service it describes. (No Docker engine here: the running service is described by hand,
 * pointing at the test database.)
 */
@FreshDatabase
class ServiceConnectionRegistrationTests {

	@Test
	void bothFactoriesAreRegisteredForBootsConnectionDetailsLookup() {
		List<String> factories = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(ConnectionDetailsFactory.class)
			.stream()
			.map((factory) -> factory.getClass().getName())
			.toList();
		assertThat(factories).contains(PostgresMigratorDockerComposeConnectionDetailsFactory.class.getName(),
				"io.migrator.boot.testcontainers.MigratorContainerConnectionDetailsFactory");
	}

	@Test
	void composeServiceDetailsMigrateTheServicesDatabase(TestDatabase database) throws Exception {
		URI server = URI.create(database.jdbcUrl().substring("jdbc:".length()));
		String databaseName = server.getPath().substring(1);
		RunningService service = new DescribedService(server.getHost(), server.getPort(),
				Map.of("POSTGRES_USER", database.user(), "POSTGRES_PASSWORD", database.password(), "POSTGRES_DB",
						databaseName));
		MigratorConnectionDetails details = PostgresMigratorDockerComposeConnectionDetailsFactory.details(service);
		assertThat(details.getJdbcUrl())
			.isEqualTo("jdbc:postgresql://" + server.getHost() + ":" + server.getPort() + "/" + databaseName);
		assertThat(details.getDriverClassName()).isEqualTo("org.postgresql.Driver");
		new org.springframework.boot.test.context.runner.ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MigratorAutoConfiguration.class))
			.withBean(MigratorConnectionDetails.class, () -> details)
			.withPropertyValues("migrator.locations=classpath:db/boot-tests/apply")
			.run((context) -> assertThat(context).hasNotFailed());
		try (Connection connection = database.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM migrator_history")) {
			rows.next();
			assertThat(rows.getInt(1)).isEqualTo(2);
		}
	}

	private record DescribedService(String host, int port, Map<String, String> env) implements RunningService {

		@Override
		public String name() {
			return "migrator-db";
		}

		@Override
		public ImageReference image() {
			return ImageReference.of("postgres:17");
		}

		@Override
		public ConnectionPorts ports() {
			return new ConnectionPorts() {
				@Override
				public int get(int containerPort) {
					return DescribedService.this.port;
				}

				@Override
				public List<Integer> getAll() {
					return List.of(DescribedService.this.port);
				}

				@Override
				public List<Integer> getAll(String protocol) {
					return getAll();
				}
			};
		}

		@Override
		public Map<String, String> labels() {
			return Map.of("org.springframework.boot.service-connection", "migrator");
		}

	}

}
