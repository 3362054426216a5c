package io.migrator.core;

import java.nio.file.Files;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.migrator.core.ValidationProblem.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A deployed database, then {@code fix} renumbers the timestamp file it applied: the same
 * bytes under a new version. Applying it again would run it twice.
 */
class RenamedMigrationTests {

	private static final String ORDERS = "-- +goose Up\nCREATE TABLE orders (id int);\nINSERT INTO orders VALUES (1);\n"
			+ "-- +goose Down\nDROP TABLE orders;\n";

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@BeforeEach
	void deployThenRenumber() throws Exception {
		this.fixture.write("00001_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n");
		this.fixture.write("20260427034355_orders.sql", ORDERS);
		this.fixture.migrator().up();
		Files.move(this.fixture.directory().resolve("20260427034355_orders.sql"),
				this.fixture.directory().resolve("00002_orders.sql"));
	}

	@Test
	void upRefusesTheRenamedFileEvenWithOutOfOrderAllowedAndNamesBoth() throws Exception {
		MigratorException refused = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.builder().allowOutOfOrder(true).build().up());

		assertThat(refused.getErrorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
		assertThat(refused.getMessage()).contains("Migration 20260427034355 (orders) is applied but has no file",
				"00002_orders.sql (version 2, pending)", "renamed", "Run 'repair' to record the rename");
		assertThat(this.fixture.query("SELECT count(*) FROM orders")).containsExactly("1");
		assertThat(agreement(20260427034355L).holds()).containsExactly("1:applied", "20260427034355:applied");
	}

	@Test
	void repairMovesTheHistoryRowToTheNewVersionAndUpThenHasNothingToDo() throws Exception {
		String appliedAt = this.fixture
			.query("SELECT applied_at FROM migrator_history WHERE version = 20260427034355")
			.get(0);

		RunResult repair = this.fixture.migrator().repair();

		assertThat(repair.migrations()).extracting(MigrationResult::version, MigrationResult::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2L, Outcome.REPAIRED));
		assertThat(this.fixture.query("SELECT applied_at FROM migrator_history WHERE version = 2"))
			.containsExactly(appliedAt);
		assertThat(this.fixture.migrator().up().migrations()).isEmpty();
		assertThat(this.fixture.migrator().validate().isValid()).isTrue();
		assertThat(this.fixture.query("SELECT count(*) FROM orders")).containsExactly("1");
		assertThat(agreement(2).holds()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void validateAndCheckFailOnAMissingAppliedFileUnlessIgnoredWhileUpGoesOn() throws Exception {
		this.fixture.delete("00002_orders.sql");

		assertThat(this.fixture.migrator().validate().problems()).extracting(ValidationProblem::kind)
			.containsExactly(Kind.MISSING);
		assertThat(this.fixture.migrator().check().problems()).extracting(ValidationProblem::kind)
			.containsExactly(Kind.MISSING);
		assertThat(this.fixture.builder().ignoreMissingMigrations(true).build().check().isValid()).isTrue();
		assertThat(this.fixture.migrator().up().migrations()).isEmpty();
		assertThat(this.fixture.migrator().status().migrations()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.MISSING);
	}

	/**
	 * The orders migration is one change known under one version at a time: the old one
	 * until repair records the rename, the new one after.
	 */
	private HistoryAgreement agreement(long ordersVersion) {
		return HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT to_regclass('users') IS NOT NULL")
			.version(ordersVersion, "SELECT to_regclass('orders') IS NOT NULL");
	}

}
