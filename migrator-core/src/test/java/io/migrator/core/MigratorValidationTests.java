package io.migrator.core;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MigratorValidationTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void pendingVersionBelowTheHighestAppliedIsRefusedNamingVersionsAndOption() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.write("00003_c.sql", "-- +goose Up\nCREATE TABLE c (id int);\n");
		this.fixture.migrator().up();
		this.fixture.write("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		MigratorException failure = catchThrowableOfType(MigratorException.class, () -> this.fixture.migrator().up());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
		assertThat(failure.getMessage()).contains("Version(s) 2", "highest applied version 3", "allowOutOfOrder");
		assertThat(this.fixture.migrator().status().migrations()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.OUT_OF_ORDER, MigrationState.APPLIED);
		assertThat(this.fixture.tableExists("b")).isFalse();
	}

	@Test
	void outOfOrderVersionsAreAppliedAscendingWhenAllowed() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.write("00004_d.sql", "-- +goose Up\nCREATE TABLE d (id int);\n");
		this.fixture.migrator().up();
		this.fixture.write("00003_c.sql", "-- +goose Up\nCREATE TABLE c (id int);\n");
		this.fixture.write("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		RunResult result = this.fixture.builder().allowOutOfOrder(true).build().up();
		assertThat(result.migrations()).extracting(MigrationResult::version).containsExactly(2L, 3L);
		assertThat(this.fixture.history()).containsExactly("1:applied", "2:applied", "3:applied", "4:applied");
	}

	@Test
	void changedFileOfAppliedMigrationFailsValidationUntilRepaired() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.migrator().up();
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id bigint);\n");
		this.fixture.write("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		Migrator migrator = this.fixture.migrator();
		ValidationResult validation = migrator.validate();
		assertThat(validation.problems()).extracting(ValidationProblem::kind, ValidationProblem::version)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(ValidationProblem.Kind.CHECKSUM_CHANGED, 1L));
		assertThat(validation.describe()).contains("00001_a.sql", "repair");
		assertThat(migrator.status().migrations().get(0).state()).isEqualTo(MigrationState.MODIFIED);
		MigratorException failure = catchThrowableOfType(MigratorException.class, migrator::up);
		assertThat(failure.getMessage()).contains("changed after it was applied");
		assertThat(this.fixture.tableExists("b")).isFalse();
		assertThat(migrator.repair().migrations()).extracting(MigrationResult::outcome)
			.containsExactly(Outcome.REPAIRED);
		assertThat(migrator.validate().isValid()).isTrue();
		migrator.up();
		assertThat(this.fixture.tableExists("b")).isTrue();
	}

	@Test
	void checksumValidationCanBeSwitchedOff() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.migrator().up();
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int); -- reformatted\n");
		assertThat(this.fixture.builder().validateChecksums(false).build().validate().isValid()).isTrue();
	}

	@Test
	void renamedAppliedMigrationIsDetected() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.migrator().up();
		this.fixture.write("00001_create_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.directory().resolve("00001_a.sql").toFile().delete();
		ValidationResult validation = this.fixture.builder().validateChecksums(false).build().validate();
		assertThat(validation.problems()).extracting(ValidationProblem::kind)
			.containsExactly(ValidationProblem.Kind.DESCRIPTION_CHANGED);
		assertThat(validation.describe()).contains("'a'", "'create a'", "repair");
	}

	@Test
	void appliedVersionWithoutFileIsReportedAndDoesNotBlockUp() throws Exception {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.write("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		this.fixture.migrator().up();
		this.fixture.delete("00002_b.sql");
		this.fixture.write("00003_c.sql", "-- +goose Up\nCREATE TABLE c (id int);\n");
		Migrator migrator = this.fixture.migrator();
		assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.MISSING, MigrationState.PENDING);
		assertThat(migrator.up().migrations()).extracting(MigrationResult::version).containsExactly(3L);
		// SPEC 3.2: the CI gate and the guard fail on it unless told the database may be ahead.
		assertThat(migrator.check().problems()).extracting(ValidationProblem::kind)
			.containsExactly(ValidationProblem.Kind.MISSING);
		assertThat(this.fixture.builder().ignoreMissingMigrations(true).build().check().isValid()).isTrue();
	}

	@Test
	void checkRequiresHistoryAndNothingPending() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		Migrator migrator = this.fixture.migrator();
		ValidationResult before = migrator.check();
		assertThat(before.problems()).extracting(ValidationProblem::kind)
			.containsExactly(ValidationProblem.Kind.NO_HISTORY, ValidationProblem.Kind.PENDING);
		assertThat(before.describe()).contains("00001_a.sql", "Run 'up'");
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
		migrator.up();
		assertThat(migrator.check().isValid()).isTrue();
	}

	@Test
	void baselineMarksVersionsAppliedWithoutRunningThem() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.write("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		this.fixture.write("00003_c.sql", "-- +goose Up\nCREATE TABLE c (id int);\n");
		Migrator migrator = this.fixture.migrator();
		RunResult baseline = migrator.baseline(2);
		assertThat(baseline.migrations()).extracting(MigrationResult::version, MigrationResult::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, Outcome.MARKED_APPLIED),
					org.assertj.core.groups.Tuple.tuple(2L, Outcome.MARKED_APPLIED));
		assertThat(this.fixture.tableExists("a")).isFalse();
		assertThat(migrator.up().migrations()).extracting(MigrationResult::version).containsExactly(3L);
		assertThat(this.fixture.history()).containsExactly("1:baseline", "2:baseline", "3:applied");
		MigratorException again = catchThrowableOfType(MigratorException.class, () -> migrator.baseline(3));
		assertThat(again.getMessage()).contains("already has 3 row(s)");
	}

	@Test
	void badTableNameIsRejectedByTheBuilder() {
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				() -> Migrator.builder().table("history; DROP TABLE users"));
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
		assertThat(failure.getMessage()).contains("'table'", "history; DROP TABLE users");
	}

}
