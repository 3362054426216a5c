package io.migrator.boot.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.migrator.boot.status.MigrationStatusCache;
import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationListener;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorBuilder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
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
@ImportRuntimeHints(MigratorRuntimeHints.class)
@EnableConfigurationProperties(MigratorProperties.class)
public final class MigratorAutoConfiguration {

	// Unpooled dedicated connections are opened for every status read; pooled ones are not.
	private static final Duration DEDICATED_CONNECTION_STATUS_CACHE = Duration.ofSeconds(5);

	// With spring.main.lazy-initialization=true nothing would ask for the initializer, so
	// the modes would silently not run.
	@Bean
	static LazyInitializationExcludeFilter migratorInitializerLazyInitializationExcludeFilter() {
		return LazyInitializationExcludeFilter.forBeanTypes(MigratorInitializer.class);
	}

	// On the outer class so that it is registered after the nested configurations: every
	// Migrator bean, user-defined ones too, is run at startup. The mode is read at run time
	// (not through a condition), so one AOT-processed build serves every mode.
	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	MigratorInitializer migratorInitializer(ListableBeanFactory beanFactory, MigratorProperties properties,
			ObjectProvider<MigratorMigrationStrategy> migrationStrategy,
			ObjectProvider<MigratorJobExitHandler> jobExitHandler) {
		Map<String, Migrator> migrators = new LinkedHashMap<>();
		Arrays.stream(beanFactory.getBeanNamesForType(Migrator.class))
			.forEach((name) -> migrators.put(name, beanFactory.getBean(name, Migrator.class)));
		return new MigratorInitializer(migrators, properties.getMode(),
				migrationStrategy.getIfAvailable(() -> new PropertiesMigrationStrategy(properties)),
				jobExitHandler.getIfAvailable(() -> System::exit));
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationStatusCache migrationStatusCache(MigratorProperties properties,
			ObjectProvider<MigratorConnectionDetails> connectionDetails) {
		Duration timeToLive = properties.getStatusCacheDuration();
		if (timeToLive == null) {
			boolean dedicated = StringUtils.hasText(properties.getUrl()) || StringUtils.hasText(properties.getUser())
					|| connectionDetails.getIfAvailable() != null;
			timeToLive = dedicated ? DEDICATED_CONNECTION_STATUS_CACHE : Duration.ZERO;
		}
		return new MigrationStatusCache(timeToLive);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(Migrator.class)
	static class MigratorConfiguration {

		@Bean
		Migrator migrator(MigratorProperties properties, ResourceLoader resourceLoader, ListableBeanFactory beanFactory,
				ObjectProvider<DataSource> dataSource, @MigratorDataSource ObjectProvider<DataSource> migratorDataSource,
				ObjectProvider<MigratorConnectionDetails> connectionDetails, ObjectProvider<JavaMigration> javaMigrations,
				ObjectProvider<MigrationListener> listeners, ObjectProvider<MigratorCustomizer> customizers) {
			MigratorBuilder builder = Migrator.builder()
				.dataSource(migrationDataSource(properties, migratorDataSource.getIfAvailable(),
						connectionDetails.getIfAvailable(), dataSource, beanFactory));
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
				MigratorConnectionDetails connectionDetails, ObjectProvider<DataSource> dataSources,
				ListableBeanFactory beanFactory) {
			if (migratorDataSource != null) {
				return migratorDataSource;
			}
			if (connectionDetails != null) {
				DataSourceBuilder<?> builder = DataSourceBuilder.create()
					.type(SimpleDriverDataSource.class)
					.url(connectionDetails.getJdbcUrl())
					.username(connectionDetails.getUsername())
					.password(connectionDetails.getPassword());
				if (connectionDetails.getDriverClassName() != null) {
					builder.driverClassName(connectionDetails.getDriverClassName());
				}
				return builder.build();
			}
			if (StringUtils.hasText(properties.getUrl())) {
				DataSourceBuilder<?> builder = DataSourceBuilder.create()
					.type(SimpleDriverDataSource.class)
					.url(properties.getUrl());
				return credentials(builder, properties).build();
			}
			DataSource dataSource = dataSources.getIfUnique();
			if (dataSource == null) {
				throw new NoMigrationDataSourceException(Arrays.asList(beanFactory.getBeanNamesForType(DataSource.class)));
			}
			if (StringUtils.hasText(properties.getUser())) {
				DataSourceBuilder<?> builder = DataSourceBuilder.derivedFrom(dataSource)
					.type(SimpleDriverDataSource.class);
				return credentials(builder, properties).build();
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
			builder.ignoreMissingMigrations(properties.isIgnoreMissingMigrations());
			builder.removeHistoryRowWhenNoDown(properties.isRemoveHistoryRowWhenNoDown());
			builder.encoding(properties.getEncoding());
			builder.lockStrategy(properties.getLock().getStrategy());
			builder.lockTimeout(properties.getLock().getTimeout());
			// Passed only when set: the builder refuses a lease for a strategy without one, even
			// the default value, so a misread setting is not ignored.
			if (properties.getLock().getLeaseDuration() != null) {
				builder.lockLeaseDuration(properties.getLock().getLeaseDuration());
			}
			builder.variables(properties.getVariables());
			builder.useEnvironmentVariables(properties.isUseEnvironmentVariables());
			builder.progressInterval(properties.getProgressInterval());
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

		@ConditionalOnBean(MigratorConnectionDetails.class)
		private static final class ConnectionDetailsCondition {

		}

	}

}
