package io.migrator.boot.testcontainers;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.function.Supplier;

import io.migrator.boot.autoconfigure.MigratorConnectionDetails;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.core.annotation.MergedAnnotations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Testcontainers factory turns only a service connection named "migrator" into
 * {@link MigratorConnectionDetails}. No Docker engine here: the container is a
 * PostgreSQLContainer that reports itself running with fixed connection values, and the
 * connection source Boot would build from the annotated field is built the same way.
 */
class MigratorContainerConnectionDetailsFactoryTests {

	@ServiceConnection(name = "migrator", type = MigratorConnectionDetails.class)
	static final PostgreSQLContainer migratorDatabase = new DescribedContainer();

	@ServiceConnection
	static final PostgreSQLContainer applicationDatabase = new DescribedContainer();

	private final MigratorContainerConnectionDetailsFactory factory = new MigratorContainerConnectionDetailsFactory();

	@Test
	void aServiceConnectionNamedMigratorGivesMigrationsTheContainersDatabase() throws Exception {
		MigratorConnectionDetails details = this.factory.getConnectionDetails(source("migratorDatabase", "migrator"));
		assertThat(details).isNotNull();
		// As Spring does once the details are registered as a bean.
		((InitializingBean) details).afterPropertiesSet();
		assertThat(details.getJdbcUrl()).isEqualTo(DescribedContainer.URL);
		assertThat(details.getUsername()).isEqualTo("flyer");
		assertThat(details.getPassword()).isEqualTo("secret");
		assertThat(details.getDriverClassName()).isEqualTo("org.postgresql.Driver");
	}

	@Test
	void theApplicationsOwnServiceConnectionIsLeftToBoot() throws Exception {
		assertThat(this.factory.getConnectionDetails(source("applicationDatabase", "postgres"))).isNull();
	}

	// The constructor Boot's ServiceConnectionContextCustomizer uses is package-private.
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ContainerConnectionSource<JdbcDatabaseContainer<?>> source(String fieldName, String connectionName)
			throws Exception {
		Field field = MigratorContainerConnectionDetailsFactoryTests.class.getDeclaredField(fieldName);
		ServiceConnection annotation = field.getAnnotation(ServiceConnection.class);
		PostgreSQLContainer container = (PostgreSQLContainer) field.get(null);
		Constructor<?> constructor = ContainerConnectionSource.class.getDeclaredConstructor(String.class,
				Origin.class, Class.class, String.class, ServiceConnection.class, Supplier.class,
				Class.forName("org.springframework.boot.testcontainers.service.connection.SslBundleSource"),
				MergedAnnotations.class);
		constructor.setAccessible(true);
		String imageName = connectionName.equals("migrator") ? "postgres" : connectionName;
		return (ContainerConnectionSource) constructor.newInstance(fieldName, null,
				PostgreSQLContainer.class, imageName, annotation, (Supplier<PostgreSQLContainer>) () -> container,
				null, MergedAnnotations.from(field));
	}

	private static final class DescribedContainer extends PostgreSQLContainer {

		static final String URL = "jdbc:postgresql://db.example:5432/app";

		DescribedContainer() {
			super("postgres:17");
		}

		@Override
		public boolean isRunning() {
			return true;
		}

		@Override
		public String getJdbcUrl() {
			return URL;
		}

		@Override
		public String getUsername() {
			return "flyer";
		}

		@Override
		public String getPassword() {
			return "secret";
		}

	}

}
