package io.migrator.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Undoing a migration that has no down part would only delete its history row while its
 * changes stay; goose does that silently, and its redo then applies the Up twice.
 */
class DownWithoutDownPartTests {

	private static final String SEED = "-- +goose Up\nINSERT INTO countries VALUES ('fr');\n";

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void downIsRefusedNamingTheFileAndNothingChanges() throws Exception {
		this.fixture.write("00001_countries.sql", "-- +goose Up\nCREATE TABLE countries (code text);\n"
				+ "-- +goose Down\nDROP TABLE countries;\n");
		this.fixture.write("00002_seed.sql", SEED);
		this.fixture.migrator().up();

		MigratorException refused = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.migrator().down());

		assertThat(refused.getErrorCode()).isEqualTo(ErrorCode.NO_DOWN_MIGRATION);
		assertThat(refused.getMessage()).contains("Cannot down version 2 (seed)", "00002_seed.sql",
				"has no '-- +goose Down' section", "Nothing was run", "removeHistoryRowWhenNoDown");
		assertThat(agreement().holds()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void redoIsRefusedEvenWhereRemovingTheRowIsAllowedBecauseItWouldApplyTheUpTwice() throws Exception {
		this.fixture.write("00001_countries.sql", "-- +goose Up\nCREATE TABLE countries (code text);\n"
				+ "-- +goose Down\nDROP TABLE countries;\n");
		this.fixture.write("00002_seed.sql", SEED);
		this.fixture.migrator().up();

		MigratorException refused = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.builder().removeHistoryRowWhenNoDown(true).build().redo());

		assertThat(refused.getErrorCode()).isEqualTo(ErrorCode.NO_DOWN_MIGRATION);
		assertThat(refused.getMessage()).contains("Cannot redo version 2", "apply its Up a second time");
		assertThat(this.fixture.query("SELECT count(*) FROM countries")).containsExactly("1");
		assertThat(agreement().holds()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void resetStopsBeforeTheFirstMigrationWithoutDownAndRunsNothing() throws Exception {
		this.fixture.write("00001_countries.sql", "-- +goose Up\nCREATE TABLE countries (code text);\n");
		this.fixture.write("00002_seed.sql", SEED + "-- +goose Down\nDELETE FROM countries;\n");
		this.fixture.migrator().up();

		MigratorException refused = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.migrator().reset());

		assertThat(refused.getMessage()).contains("Cannot reset version 1", "00001_countries.sql");
		assertThat(agreement().holds()).containsExactly("1:applied", "2:applied");
	}

	@Test
	void whenAllowedDownOnlyRemovesTheRowAndTheResultSaysSo() throws Exception {
		this.fixture.write("00001_countries.sql", "-- +goose Up\nCREATE TABLE countries (code text);\n");
		this.fixture.migrator().up();

		RunResult down = this.fixture.builder().removeHistoryRowWhenNoDown(true).build().down();

		assertThat(down.migrations()).singleElement().satisfies((result) -> {
			assertThat(result.outcome()).isEqualTo(Outcome.HISTORY_ROW_REMOVED);
			assertThat(result.error()).contains("00001_countries.sql", "only its history row was removed",
					"changes are still in the database");
		});
		assertThat(this.fixture.history()).isEmpty();
		assertThat(this.fixture.tableExists("countries")).isTrue();
	}

	@Test
	void pairWithoutDownFileIsRefusedNamingTheMissingFile() throws Exception {
		this.fixture.write("00001_countries.up.sql", "CREATE TABLE countries (code text);\n");
		this.fixture.migrator().up();

		MigratorException refused = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.migrator().down());

		assertThat(refused.getMessage()).contains("00001_countries.up.sql has no .down.sql file");
		assertThat(agreement().holds()).containsExactly("1:applied");
	}

	@Test
	void javaMigrationThatDoesNotOverrideDownIsRefused() throws Exception {
		Migrator migrator = this.fixture.builder().javaMigrations(new V1__create_countries()).build();
		migrator.up();

		MigratorException refused = catchThrowableOfType(MigratorException.class, migrator::down);

		assertThat(refused.getMessage()).contains(V1__create_countries.class.getName(),
				"does not override down(MigrationContext)");
		assertThat(agreement().holds()).containsExactly("1:applied");
	}

	@Test
	void downOfAnAppliedGooseGoMigrationSaysItCannotRunGoCode() throws Exception {
		this.fixture.write("00001_countries.sql", "-- +goose Up\nCREATE TABLE countries (code text);\n"
				+ "-- +goose Down\nDROP TABLE countries;\n");
		this.fixture.migrator().up();
		this.fixture.write("00002_seed.go", "package migrations\n");
		// goose applied the Go migration long ago; the history says so.
		this.fixture.execute("INSERT INTO migrator_history (version, description, type, state) "
				+ "VALUES (2, 'seed', 'go', 'baseline')");
		this.fixture.execute("INSERT INTO countries VALUES ('fr')");

		MigratorException refused = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.migrator().down());

		assertThat(refused.getMessage()).contains("00002_seed.go", "goose Go migration", "cannot undo it");
		assertThat(agreement().holds()).containsExactly("1:applied", "2:baseline");
	}

	private HistoryAgreement agreement() {
		return HistoryAgreement.of(this.fixture.database().dataSource())
			.version(1, "SELECT to_regclass('countries') IS NOT NULL")
			.version(2, HistoryAgreement.anyRowIn("countries"));
	}

	static final class V1__create_countries implements JavaMigration {

		@Override
		public void up(MigrationContext context) throws Exception {
			try (var statement = context.connection().createStatement()) {
				statement.execute("CREATE TABLE countries (code text)");
			}
		}

	}

}
