package io.migrator.boot.testcontainers;

import io.migrator.boot.autoconfigure.MigratorConnectionDetails;
import org.testcontainers.containers.JdbcDatabaseContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Creates {@link MigratorConnectionDetails} for a JDBC container whose service connection
 * is named {@value #CONNECTION_NAME}:
 * {@code @ServiceConnection(name = "migrator", type = MigratorConnectionDetails.class)}.
 * Only that name, so that the application's own {@code @ServiceConnection} database does
 * not silently become a second, unpooled migration connection.
 */
class MigratorContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<JdbcDatabaseContainer<?>, MigratorConnectionDetails> {

	static final String CONNECTION_NAME = "migrator";

	MigratorContainerConnectionDetailsFactory() {
		super(CONNECTION_NAME, "io.migrator.boot.autoconfigure.MigratorConnectionDetails");
	}

	@Override
	protected MigratorConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<JdbcDatabaseContainer<?>> source) {
		return new MigratorContainerConnectionDetails(source);
	}

	private static final class MigratorContainerConnectionDetails
			extends ContainerConnectionDetails<JdbcDatabaseContainer<?>> implements MigratorConnectionDetails {

		private MigratorContainerConnectionDetails(ContainerConnectionSource<JdbcDatabaseContainer<?>> source) {
			super(source);
		}

		@Override
		public String getJdbcUrl() {
			return getContainer().getJdbcUrl();
		}

		@Override
		public String getUsername() {
			return getContainer().getUsername();
		}

		@Override
		public String getPassword() {
			return getContainer().getPassword();
		}

		@Override
		public String getDriverClassName() {
			return getContainer().getDriverClassName();
		}

	}

}
