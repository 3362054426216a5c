package io.migrator.boot.autoconfigure;

import io.migrator.core.Location;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorBuilder;
import io.migrator.core.MigratorConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class MigratorPropertiesTests {

	@Test
	void defaultsEqualTheCoreBuilderDefaults() {
		MigratorProperties properties = new MigratorProperties();
		MigratorConfiguration defaults = Migrator.builder().dataSource(new SimpleDriverDataSource()).toConfiguration();
		assertThat(properties.getLocations())
			.isEqualTo(defaults.source().locations().stream().map(Location::toString).toList());
		assertThat(properties.isRecursive()).isEqualTo(defaults.source().recursive());
		assertThat(properties.getTable()).isEqualTo(defaults.history().table());
		assertThat(properties.getSchema()).isEqualTo(defaults.history().schema());
		assertThat(properties.isCreateSchema()).isEqualTo(defaults.history().createSchema());
		assertThat(properties.isUseSchemaAsSearchPath()).isEqualTo(defaults.history().useSchemaAsSearchPath());
		assertThat(properties.isAllowOutOfOrder()).isEqualTo(defaults.allowOutOfOrder());
		assertThat(properties.isValidateChecksums()).isEqualTo(defaults.validateChecksums());
		assertThat(properties.isIgnoreMissingMigrations()).isEqualTo(defaults.ignoreMissingMigrations());
		assertThat(properties.isRemoveHistoryRowWhenNoDown()).isEqualTo(defaults.removeHistoryRowWhenNoDown());
		assertThat(properties.getEncoding()).isEqualTo(defaults.source().encoding());
		assertThat(properties.getLock().getStrategy()).isEqualTo(defaults.lock().strategy());
		assertThat(properties.getLock().getTimeout()).isEqualTo(defaults.lock().timeout());
		// Not set unless configured (the builder then uses its default), so that an explicit lease
		// with a strategy that takes none is refused rather than compared away.
		assertThat(properties.getLock().getLeaseDuration()).isNull();
		assertThat(defaults.lock().leaseDuration()).isEqualTo(MigratorBuilder.DEFAULT_LOCK_LEASE);
		assertThat(properties.getVariables()).isEqualTo(defaults.substitution().variables());
		assertThat(properties.isUseEnvironmentVariables()).isEqualTo(defaults.substitution().useEnvironmentVariables());
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
