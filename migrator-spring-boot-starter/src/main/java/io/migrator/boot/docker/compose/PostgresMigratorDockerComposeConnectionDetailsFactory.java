package io.migrator.boot.docker.compose;

import java.util.Map;

import io.migrator.boot.autoconfigure.MigratorConnectionDetails;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * Creates {@link MigratorConnectionDetails} for a PostgreSQL Docker Compose service
 * labelled {@code org.springframework.boot.service-connection: migrator}, e.g. the direct
 * database next to a pgbouncer the application uses. Reads the same environment variables
 * as the postgres image: {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD} (or
 * {@code POSTGRES_HOST_AUTH_METHOD=trust}) and {@code POSTGRES_DB}.
 */
class PostgresMigratorDockerComposeConnectionDetailsFactory
		extends DockerComposeConnectionDetailsFactory<MigratorConnectionDetails> {

	static final String CONNECTION_NAME = "migrator";

	private static final int POSTGRES_PORT = 5432;

	PostgresMigratorDockerComposeConnectionDetailsFactory() {
		super(CONNECTION_NAME, "io.migrator.boot.autoconfigure.MigratorConnectionDetails");
	}

	@Override
	protected MigratorConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return details(source.getRunningService());
	}

	static MigratorConnectionDetails details(RunningService service) {
		Map<String, String> env = service.env();
		String user = env.getOrDefault("POSTGRES_USER", env.getOrDefault("POSTGRESQL_USER", "postgres"));
		String password = env.getOrDefault("POSTGRES_PASSWORD", env.get("POSTGRESQL_PASSWORD"));
		String database = env.getOrDefault("POSTGRES_DB", env.getOrDefault("POSTGRESQL_DATABASE", user));
		String url = "jdbc:postgresql://" + service.host() + ":" + service.ports().get(POSTGRES_PORT) + "/" + database;
		return new MigratorConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return url;
			}

			@Override
			public String getUsername() {
				return user;
			}

			@Override
			public String getPassword() {
				return password;
			}

		};
	}

}
