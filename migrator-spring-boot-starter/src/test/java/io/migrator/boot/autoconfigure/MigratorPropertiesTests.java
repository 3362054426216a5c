package io.migrator.boot.autoconfigure;

import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class MigratorPropertiesTests {

	@Test
	void defaultsEqualTheCoreBuilderDefaults() {
		MigratorProperties properties = new MigratorProperties();
		MigratorConfiguration defaults = Migrator.builder().dataSource(new SimpleDriverDataSource()).toConfiguration();
		assertThat(properties.getLocations()).isEqualTo(defaults.locations());
		assertThat(properties.isRecursive()).isEqualTo(defaults.recursive());
		assertThat(properties.getTable()).isEqualTo(defaults.table());
		assertThat(properties.getSchema()).isEqualTo(defaults.schema());
		assertThat(properties.isCreateSchema()).isEqualTo(defaults.createSchema());
		assertThat(properties.isUseSchemaAsSearchPath()).isEqualTo(defaults.useSchemaAsSearchPath());
		assertThat(properties.isAllowOutOfOrder()).isEqualTo(defaults.allowOutOfOrder());
		assertThat(properties.isValidateChecksums()).isEqualTo(defaults.validateChecksums());
		assertThat(properties.isIgnoreMissingMigrations()).isEqualTo(defaults.ignoreMissingMigrations());
		assertThat(properties.isRemoveHistoryRowWhenNoDown()).isEqualTo(defaults.removeHistoryRowWhenNoDown());
		assertThat(properties.getEncoding()).isEqualTo(defaults.encoding());
		assertThat(properties.getLock().getStrategy()).isEqualTo(defaults.lockStrategy());
		assertThat(properties.getLock().getTimeout()).isEqualTo(defaults.lockTimeout());
		assertThat(properties.getLock().getLeaseDuration()).isEqualTo(defaults.lockLeaseDuration());
		assertThat(properties.getVariables()).isEqualTo(defaults.variables());
		assertThat(properties.isUseEnvironmentVariables()).isEqualTo(defaults.useEnvironmentVariables());
		assertThat(properties.getProgressInterval()).isEqualTo(defaults.progressInterval());
	}

	@Test
	void startupDefaultsAreApplyAndEnabled() {
		MigratorProperties properties = new MigratorProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getMode()).isEqualTo(MigratorProperties.Mode.APPLY);
		assertThat(properties.getUrl()).isNull();
	}

}
