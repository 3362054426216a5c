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
		assertThat(configuration.source().locations()).containsExactly(Location.classpath("db/migrations"));
		assertThat(configuration.history().table()).isEqualTo("migrator_history");
		assertThat(configuration.history().lockTable()).isEqualTo("migrator_history_lock");
		assertThat(configuration.history().schema()).isNull();
		assertThat(configuration.history().createSchema()).isTrue();
		assertThat(configuration.allowOutOfOrder()).isFalse();
		assertThat(configuration.validateChecksums()).isTrue();
		assertThat(configuration.lock().strategy()).isEqualTo(LockStrategy.AUTO);
		assertThat(configuration.lock().timeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(configuration.lock().leaseDuration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(configuration.substitution().useEnvironmentVariables()).isTrue();
		assertThat(configuration.source().recursive()).isFalse();
		assertThat(configuration.progressInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(configuration.source().encoding()).isEqualTo(StandardCharsets.UTF_8);
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
	void aLeaseSetWithStrategyNoneIsRefusedEvenAtTheDefaultValue() {
		MigratorBuilder builder = Migrator.builder()
			.dataSource(this.dataSource)
			.lockStrategy(LockStrategy.NONE)
			.lockLeaseDuration(MigratorBuilder.DEFAULT_LOCK_LEASE);
		assertThatExceptionOfType(MigratorException.class).isThrownBy(builder::build)
			.withMessage("'lockLeaseDuration' (PT30S) does not apply to lock strategy NONE, which takes no lock: set "
					+ "another lock strategy, or do not set the lease");
	}

	@Test
	void strategyNoneWithoutALeaseBuildsAndReportsTheDefaultLease() {
		MigratorConfiguration configuration = Migrator.builder()
			.dataSource(this.dataSource)
			.lockStrategy(LockStrategy.NONE)
			.toConfiguration();
		assertThat(configuration.lock().leaseDuration()).isEqualTo(MigratorBuilder.DEFAULT_LOCK_LEASE);
	}

	@Test
	void locationsAreParsedOnceIntoTheirKindAndPath() {
		MigratorConfiguration configuration = Migrator.builder()
			.locations("classpath:/db/migrations/", "db/more", "filesystem:/srv/sql")
			.toConfiguration();
		assertThat(configuration.source().locations()).containsExactly(Location.classpath("db/migrations"),
				Location.classpath("db/more"), Location.filesystem(java.nio.file.Path.of("/srv/sql")));
		assertThat(configuration.source().locations()).extracting(Location::toString)
			.containsExactly("classpath:db/migrations", "classpath:db/more", "filesystem:/srv/sql");
	}

	@Test
	void emptyLocationsAreRefusedWithTheirText() {
		MigratorBuilder builder = Migrator.builder();
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> builder.locations("classpath:/"))
			.withMessage("Location 'classpath:/' is empty: use classpath:some/dir or filesystem:/some/dir");
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> builder.locations("filesystem:"))
			.withMessage("Location 'filesystem:' is empty: use classpath:some/dir or filesystem:/some/dir");
	}

	@Test
	void configurationNeverPrintsTheDataSource() {
		assertThat(Migrator.builder().dataSource(this.dataSource).toConfiguration().toString())
			.doesNotContain("password")
			.contains("migrator_history");
	}

}
