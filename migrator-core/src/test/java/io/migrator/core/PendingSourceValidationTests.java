package io.migrator.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class PendingSourceValidationTests {

	private static final String UNTERMINATED_BLOCK = """
			-- +goose Up
			-- +goose StatementBegin
			CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
			""";

	private static final String UNTERMINATED_STRING = """
			-- +goose Up
			CREATE TABLE b (id int);
			INSERT INTO b VALUES (1);
			COMMENT ON TABLE b IS 'never closed;
			""";

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void validateReportsEveryMalformedPendingFileWithTheMessageUpGivesAndTouchesNothing() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.write("00002_block.sql", UNTERMINATED_BLOCK);
		this.fixture.write("00003_string.sql", UNTERMINATED_STRING);
		Migrator migrator = this.fixture.migrator();
		InvalidSourceException refusedByUp = catchThrowableOfType(InvalidSourceException.class, migrator::up);
		ValidationResult validation = migrator.validate();
		assertThat(validation.problems()).extracting(ValidationProblem::kind, ValidationProblem::version)
			.containsExactly(tuple(ValidationProblem.Kind.INVALID_SOURCE, 2L),
					tuple(ValidationProblem.Kind.INVALID_SOURCE, 3L));
		assertThat(validation.problems().get(0).message()).isEqualTo(refusedByUp.getMessage())
			.contains("00002_block.sql:2", "StatementBegin");
		assertThat(validation.problems().get(1).message()).contains("00003_string.sql:4");
		assertThat(this.fixture.tableExists("a")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	/**
	 * Public files write the section's comment on the annotation's line, as some guides
	 * show it; old goose read such a line as a comment and ran the Down statements as part
	 * of Up. Refused before anything runs, saying how to split the line.
	 */
	@Test
	void commentOnTheDownAnnotationLineIsRefusedBeforeAnythingRuns() {
		this.fixture.write("00001_points.sql", """

				-- +goose Up
				CREATE TABLE points (id int);

				-- +goose Down -- SQL in this section is executed when the migration is rolled back
				DROP TABLE points;
				""");
		InvalidSourceException refused = catchThrowableOfType(InvalidSourceException.class,
				() -> this.fixture.migrator().up());
		assertThat(refused.getMessage()).contains("00001_points.sql:5: text after the annotation '-- +goose Down' "
				+ "on its line: '-- SQL in this section is executed when the migration is rolled back'. Put "
				+ "'-- +goose Down' alone on its line and the rest on the next");
		assertThat(this.fixture.tableExists("points")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void checkReportsAMalformedPendingFileBesidesItBeingPending() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.migrator().up();
		this.fixture.write("00002_string.sql", UNTERMINATED_STRING);
		ValidationResult check = this.fixture.migrator().check();
		assertThat(check.problems()).extracting(ValidationProblem::kind)
			.containsExactlyInAnyOrder(ValidationProblem.Kind.INVALID_SOURCE, ValidationProblem.Kind.PENDING);
		assertThat(check.describe()).contains("00002_string.sql:4");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void appliedFilesAreNotParsedAgainButTheirChecksumsAreCompared() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.migrator().up();
		this.fixture.write("00001_a.sql", UNTERMINATED_STRING);
		assertThat(this.fixture.migrator().validate().problems()).extracting(ValidationProblem::kind)
			.containsExactly(ValidationProblem.Kind.CHECKSUM_CHANGED);
	}

	@Test
	void bothFilesOfAPendingGolangMigratePairAreRead() {
		this.fixture.write("00001_a.up.sql", "CREATE TABLE a (id int);\n");
		this.fixture.write("00001_a.down.sql", "DROP TABLE a\n");
		assertThat(this.fixture.migrator().validate().describe()).contains("00001_a.down.sql:1", "';'");
	}

	@Test
	void validateWithoutADataSourceChecksTheFilesAloneAndOtherOperationsSayWhatIsMissing() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.write("00002_backfill.go", "package migrations\n");
		Migrator filesOnly = Migrator.builder()
			.locations("filesystem:" + this.fixture.directory())
			.useEnvironmentVariables(false)
			.build();
		assertThat(filesOnly.validate().isValid()).isTrue();
		this.fixture.write("00003_string.sql", UNTERMINATED_STRING);
		assertThat(filesOnly.validate().problems()).extracting(ValidationProblem::kind, ValidationProblem::version)
			.containsExactly(tuple(ValidationProblem.Kind.INVALID_SOURCE, 3L));
		assertThatExceptionOfType(MigratorException.class).isThrownBy(filesOnly::up)
			.satisfies((failure) -> assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
			.withMessageContaining("No DataSource configured")
			.withMessageContaining("only validate() works");
		assertThatExceptionOfType(MigratorException.class).isThrownBy(filesOnly::check)
			.withMessageContaining("No DataSource configured");
	}

	@Test
	void validateWithoutADataSourceNeedsEnvsubVariablesAsUpDoes() {
		this.fixture.write("00001_a.sql", """
				-- +goose Up
				-- +goose ENVSUB ON
				CREATE TABLE a (id int DEFAULT ${START_ID?set START_ID to the first id});
				""");
		MigratorBuilder filesOnly = Migrator.builder()
			.locations("filesystem:" + this.fixture.directory())
			.useEnvironmentVariables(false);
		assertThat(filesOnly.build().validate().describe()).contains("00001_a.sql:3", "set START_ID");
		assertThat(filesOnly.variable("START_ID", "7").build().validate().isValid()).isTrue();
	}

}
