package io.migrator.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.migrator.core.Migrator;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@MigratorTest(locations = { "classpath:kit/base", "classpath:kit/good" })
class HasAppliedEveryMigrationTests {

	@Test
	void passesWhenTheAppliedSetEqualsTheFiles(Migrator migrator) {
		migrator.up();
		MigrationAssertions.assertThat(migrator).hasAppliedEveryMigration();
	}

	@Test
	void failsNamingEveryPendingMigration(Migrator migrator) {
		migrator.upTo(4);
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).hasAppliedEveryMigration())
			.withMessageStartingWith("The applied migrations are not the migrations of this build (2 problems):\n"
					+ "- PENDING version 5: ")
			.withMessageContaining("00005_index_orders_by_date.sql")
			.withMessageContaining("\n- PENDING version 6: ");
	}

	@Test
	void failsWhenAnAppliedMigrationsFileIsMissing(MigrationTestDatabase database) {
		database.migrator().up();
		Migrator olderBuild = database.migratorBuilder().locations("classpath:kit/base").build();
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(olderBuild).hasAppliedEveryMigration())
			.withMessageStartingWith("The applied migrations are not the migrations of this build (4 problems):\n"
					+ "- MISSING version 3: ");
	}

	@Test
	void failsWhenAnAppliedMigrationsFileChanged(MigrationTestDatabase database) throws SQLException {
		database.migrator().up();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE migrator_history SET checksum = 'edited' WHERE version = 4");
		}
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(database.migrator()).hasAppliedEveryMigration())
			.withMessageStartingWith("The applied migrations are not the migrations of this build (1 problem):\n"
					+ "- CHECKSUM_CHANGED version 4: ")
			.withMessageContaining("00004_order_total_trigger.sql");
	}

	@Test
	void failsOnAFreshDatabaseWithoutHistory(Migrator migrator) {
		assertThatExceptionOfType(AssertionFailedError.class)
			.isThrownBy(() -> MigrationAssertions.assertThat(migrator).hasAppliedEveryMigration())
			.withMessageStartingWith("The applied migrations are not the migrations of this build")
			.withMessageContaining("NO_HISTORY");
	}

}
