package io.migrator.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@FreshDatabase
class MigratorBuilderTests {

	private final DataSource dataSource;

	MigratorBuilderTests(TestDatabase database) {
		this.dataSource = database.dataSource();
	}

	@Test
	void defaultsAreDocumentedValues() {
		MigratorConfiguration configuration = Migrator.builder().dataSource(this.dataSource).toConfiguration();
		assertThat(configuration.locations()).containsExactly("classpath:db/migrations");
		assertThat(configuration.table()).isEqualTo("migrator_history");
		assertThat(configuration.lockTable()).isEqualTo("migrator_history_lock");
		assertThat(configuration.schema()).isNull();
		assertThat(configuration.createSchema()).isTrue();
		assertThat(configuration.allowOutOfOrder()).isFalse();
		assertThat(configuration.validateChecksums()).isTrue();
		assertThat(configuration.lockStrategy()).isEqualTo(LockStrategy.AUTO);
		assertThat(configuration.lockTimeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(configuration.lockLeaseDuration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(configuration.useEnvironmentVariables()).isTrue();
		assertThat(configuration.recursive()).isFalse();
		assertThat(configuration.progressInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(configuration.encoding()).isEqualTo(StandardCharsets.UTF_8);
	}

	@Test
	void operationsThatNeedADatabaseSayWhenNoDataSourceIsConfigured() {
		Migrator withoutDatabase = Migrator.builder().locations("classpath:db/nothing-here").build();
		assertThatExceptionOfType(MigratorException.class).isThrownBy(withoutDatabase::status)
			.withMessageContaining("No DataSource configured")
			.withMessageContaining("Call dataSource(...)");
	}

	@Test
	void settersRejectBadValuesAtOnce() {
		MigratorBuilder builder = Migrator.builder();
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> builder.lockTimeout(Duration.ZERO))
			.withMessageContaining("'lockTimeout' must be positive");
		assertThatExceptionOfType(MigratorException.class)
			.isThrownBy(() -> builder.lockLeaseDuration(Duration.ofMillis(10)))
			.withMessageContaining("cannot be less than 1s");
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> builder.locations("ftp://host/dir"))
			.withMessageContaining("unknown prefix");
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> builder.schema("1st"))
			.withMessageContaining("'schema'");
	}

	@Test
	void conflictingOptionsNameBoth() {
		MigratorBuilder builder = Migrator.builder()
			.dataSource(this.dataSource)
			.lockStrategy(LockStrategy.NONE)
			.lockLeaseDuration(Duration.ofSeconds(5));
		assertThatExceptionOfType(MigratorException.class).isThrownBy(builder::build)
			.withMessageContaining("'lockLeaseDuration'")
			.withMessageContaining("NONE");
	}

	@Test
	void configurationNeverPrintsTheDataSource() {
		assertThat(Migrator.builder().dataSource(this.dataSource).toConfiguration().toString())
			.doesNotContain("password")
			.contains("migrator_history");
	}

}
