package io.migrator.boot.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationListener;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration for migrator: builds a {@link Migrator} from the {@code migrator.*}
 * properties and runs the startup mode before beans that need the database are created.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Migrator.class)
@Conditional(MigratorAutoConfiguration.MigratorDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "migrator.enabled", matchIfMissing = true)
@Import(DatabaseInitializationDependencyConfigurer.class)
@EnableConfigurationProperties(MigratorProperties.class)
public final class MigratorAutoConfiguration {

	// On the outer class so that it is registered after the nested configurations: a
	// user-defined Migrator is run at startup as well.
	@Bean
	@ConditionalOnSingleCandidate(Migrator.class)
	@ConditionalOnMissingBean
	MigratorInitializer migratorInitializer(Migrator migrator, MigratorProperties properties) {
		return new MigratorInitializer(migrator, properties.getMode());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(Migrator.class)
	static class MigratorConfiguration {

		@Bean
		Migrator migrator(MigratorProperties properties, ResourceLoader resourceLoader,
				ObjectProvider<DataSource> dataSource, @MigratorDataSource ObjectProvider<DataSource> migratorDataSource,
				ObjectProvider<JavaMigration> javaMigrations, ObjectProvider<MigrationListener> listeners,
				ObjectProvider<MigratorCustomizer> customizers) {
			MigratorBuilder builder = Migrator.builder()
				.dataSource(migrationDataSource(properties, migratorDataSource.getIfAvailable(),
						dataSource.getIfUnique()));
			ClassLoader classLoader = resourceLoader.getClassLoader();
			if (classLoader != null) {
				builder.classLoader(classLoader);
			}
			applyProperties(builder, properties);
			builder.javaMigrations(javaMigrations.orderedStream().toList());
			builder.listeners(listeners.orderedStream().toList());
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		private DataSource migrationDataSource(MigratorProperties properties, DataSource migratorDataSource,
				DataSource dataSource) {
			if (migratorDataSource != null) {
				return migratorDataSource;
			}
			if (StringUtils.hasText(properties.getUrl())) {
				DataSourceBuilder<?> builder = DataSourceBuilder.create()
					.type(SimpleDriverDataSource.class)
					.url(properties.getUrl());
				return credentials(builder, properties).build();
			}
			if (StringUtils.hasText(properties.getUser()) && dataSource != null) {
				DataSourceBuilder<?> builder = DataSourceBuilder.derivedFrom(dataSource)
					.type(SimpleDriverDataSource.class);
				return credentials(builder, properties).build();
			}
			if (dataSource == null) {
				throw new IllegalStateException("No DataSource for migrator: define a single DataSource bean, mark "
						+ "one with @MigratorDataSource, or set migrator.url");
			}
			return dataSource;
		}

		private DataSourceBuilder<?> credentials(DataSourceBuilder<?> builder, MigratorProperties properties) {
			if (StringUtils.hasText(properties.getUser())) {
				builder.username(properties.getUser());
			}
			if (properties.getPassword() != null) {
				builder.password(properties.getPassword());
			}
			return builder;
		}

		private void applyProperties(MigratorBuilder builder, MigratorProperties properties) {
			builder.locations(properties.getLocations());
			builder.recursive(properties.isRecursive());
			builder.table(properties.getTable());
			if (StringUtils.hasText(properties.getSchema())) {
				builder.schema(properties.getSchema());
			}
			builder.createSchema(properties.isCreateSchema());
			builder.useSchemaAsSearchPath(properties.isUseSchemaAsSearchPath());
			builder.allowOutOfOrder(properties.isAllowOutOfOrder());
			builder.validateChecksums(properties.isValidateChecksums());
			builder.lockStrategy(properties.getLock().getStrategy());
			builder.lockTimeout(properties.getLock().getTimeout());
			Duration lease = properties.getLock().getLeaseDuration();
			// The builder refuses a lease for strategies without one; only pass one that was set.
			if (!lease.equals(MigratorBuilder.DEFAULT_LOCK_LEASE)) {
				builder.lockLeaseDuration(lease);
			}
			builder.variables(properties.getVariables());
			builder.useEnvironmentVariables(properties.isUseEnvironmentVariables());
			builder.progressInterval(properties.getProgressInterval());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "migrator.mode", havingValue = "job")
	static class MigratorJobConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigratorJobExitHandler migratorJobExitHandler() {
			return System::exit;
		}

		@Bean
		MigratorJobExit migratorJobExit(MigratorJobExitHandler migratorJobExitHandler) {
			return new MigratorJobExit(migratorJobExitHandler);
		}

	}

	static final class MigratorDataSourceCondition extends AnyNestedCondition {

		MigratorDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(DataSource.class)
		private static final class DataSourceBeanCondition {

		}

		@ConditionalOnProperty("migrator.url")
		private static final class MigratorUrlCondition {

		}

	}

}
