package io.migrator.core;

import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class GooseGoMigrationTests {

	private static final String GO_MIGRATION = """
			package migrations

			import (
				"context"
				"database/sql"

				"github.com/pressly/goose/v3"
			)

			func init() {
				goose.AddMigrationContext(upBackfillTotals, downBackfillTotals)
			}

			func upBackfillTotals(ctx context.Context, tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, "UPDATE orders SET total = 0 WHERE total IS NULL")
				return err
			}

			func downBackfillTotals(ctx context.Context, tx *sql.Tx) error {
				return nil
			}
			""";

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void statusListsVersionedGoFilesAndIgnoresGoFilesGooseIgnores() {
		writeOrdersAndGoBackfill();
		this.fixture.write("main.go", "package main\n");
		this.fixture.write("helpers.go", "package migrations\n");
		this.fixture.write("00003_backfill_test.go", "package migrations\n");
		this.fixture.write("0_zero.go", "package migrations\n");
		StatusReport status = this.fixture.migrator().status();
		assertThat(status.migrations()).extracting(MigrationInfo::version, MigrationInfo::type, MigrationInfo::state)
			.containsExactly(tuple(1L, MigrationType.SQL, MigrationState.PENDING),
					tuple(2L, MigrationType.GO, MigrationState.PENDING));
		assertThat(status.migrations().get(1).source()).endsWith("/00002_backfill_totals.go");
		assertThat(status.migrations().get(1).description()).isEqualTo("backfill totals");
		assertThat(MigrationType.GO.id()).isEqualTo("go");
	}

	@Test
	void upStopsBeforeRunningAnythingWhenAGoMigrationIsPending() {
		writeOrdersAndGoBackfill();
		InvalidSourceException failure = catchThrowableOfType(InvalidSourceException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.INVALID_SOURCE);
		assertThat(failure.getSource()).endsWith("/00002_backfill_totals.go");
		assertThat(failure.getMessage()).contains("version 2 is a goose Go migration", "cannot apply it",
				"nothing was run", "Port it to a Java migration with the same version", "V2__backfill_totals",
				"README");
		assertThat(this.fixture.tableExists("orders")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void upToBelowThePendingGoMigrationRuns() {
		writeOrdersAndGoBackfill();
		assertThat(this.fixture.migrator().upTo(1).migrations()).extracting(MigrationResult::version)
			.containsExactly(1L);
		assertThat(this.fixture.tableExists("orders")).isTrue();
	}

	@Test
	void javaMigrationWithTheSameVersionReplacesTheGoFile() {
		writeOrdersAndGoBackfill();
		Migrator migrator = this.fixture.builder().javaMigrations(new BackfillTotals()).build();
		assertThat(migrator.status().migrations()).extracting(MigrationInfo::version, MigrationInfo::type)
			.containsExactly(tuple(1L, MigrationType.SQL), tuple(2L, MigrationType.JAVA));
		RunResult result = migrator.up();
		assertThat(result.migrations()).extracting(MigrationResult::version, MigrationResult::type)
			.containsExactly(tuple(1L, MigrationType.SQL), tuple(2L, MigrationType.JAVA));
		assertThat(this.fixture.query("SELECT total FROM orders")).containsExactly("0");
		assertThat(this.fixture.query("SELECT version || ':' || type FROM migrator_history ORDER BY version"))
			.containsExactly("1:sql", "2:java");
	}

	@Test
	void goMigrationAlreadyAppliedByGooseIsFineAndListedAsApplied() {
		writeOrdersAndGoBackfill();
		this.fixture.execute("CREATE TABLE orders (id int, total int)");
		this.fixture.execute("CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, "
				+ "is_applied boolean NOT NULL, tstamp timestamp DEFAULT now())");
		this.fixture.execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), "
				+ "(2, true)");
		this.fixture.migrator().adopt(LegacyTracker.GOOSE, false);
		this.fixture.write("00003_add_status.sql", "-- +goose Up\nALTER TABLE orders ADD COLUMN status text;\n");
		Migrator migrator = this.fixture.migrator();
		assertThat(migrator.validate().isValid()).isTrue();
		assertThat(migrator.up().migrations()).extracting(MigrationResult::version).containsExactly(3L);
		assertThat(migrator.status().migrations()).extracting(MigrationInfo::version, MigrationInfo::type,
				MigrationInfo::state)
			.containsExactly(tuple(1L, MigrationType.SQL, MigrationState.APPLIED),
					tuple(2L, MigrationType.GO, MigrationState.APPLIED),
					tuple(3L, MigrationType.SQL, MigrationState.APPLIED));
		assertThat(migrator.check().isValid()).isTrue();
	}

	@Test
	void undoingAnAppliedGoMigrationWithoutAJavaReplacementIsRefusedBeforeAnythingRuns() {
		writeOrdersAndGoBackfill();
		this.fixture.write("00003_add_status.sql", """
				-- +goose Up
				ALTER TABLE orders ADD COLUMN status text;
				-- +goose Down
				ALTER TABLE orders DROP COLUMN status;
				""");
		this.fixture.migrator().baseline(2);
		this.fixture.execute("CREATE TABLE orders (id int, total int)");
		this.fixture.migrator().up();
		Migrator migrator = this.fixture.migrator();
		InvalidSourceException failure = catchThrowableOfType(InvalidSourceException.class,
				() -> migrator.downTo(0));
		assertThat(failure.getMessage()).contains("00002_backfill_totals.go", "cannot undo it", "nothing was run");
		assertThat(this.fixture.history()).containsExactly("1:baseline", "2:baseline", "3:applied");
		assertThat(this.fixture.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' "
				+ "AND column_name = 'status'"))
			.containsExactly("1");
	}

	@Test
	void aGoAndASqlMigrationWithOneVersionAreDuplicates() {
		writeOrdersAndGoBackfill();
		this.fixture.write("00002_add_total.sql", "-- +goose Up\nALTER TABLE orders ADD COLUMN total2 int;\n");
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.migrator().status());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.DUPLICATE_VERSION);
		assertThat(failure.getMessage()).contains("00002_add_total.sql", "00002_backfill_totals.go");
	}

	@Test
	void validateAndCheckReportAPendingGoMigrationAsUpWouldRefuseIt() {
		writeOrdersAndGoBackfill();
		Migrator migrator = this.fixture.migrator();
		String refusal = catchThrowableOfType(InvalidSourceException.class, migrator::up).getMessage();
		assertThat(migrator.validate().problems())
			.extracting(ValidationProblem::kind, ValidationProblem::version, ValidationProblem::message)
			.containsExactly(tuple(ValidationProblem.Kind.INVALID_SOURCE, 2L, refusal));
		assertThat(migrator.check().problems()).extracting(ValidationProblem::kind)
			.contains(ValidationProblem.Kind.INVALID_SOURCE);
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	private void writeOrdersAndGoBackfill() {
		this.fixture.write("00001_create_orders.sql", """
				-- +goose Up
				CREATE TABLE orders (id int, total int);
				INSERT INTO orders VALUES (1, NULL);
				-- +goose Down
				DROP TABLE orders;
				""");
		this.fixture.write("00002_backfill_totals.go", GO_MIGRATION);
	}

	/**
	 * The Go migration above, ported.
	 */
	static final class BackfillTotals implements JavaMigration {

		@Override
		public long version() {
			return 2;
		}

		@Override
		public String description() {
			return "backfill totals";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("UPDATE orders SET total = 0 WHERE total IS NULL");
			}
		}

	}

}
