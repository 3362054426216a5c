package io.migrator.core;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * goose files that rely on goose's parsing rules, run through {@code up} against
 * PostgreSQL: the database must end up as goose would leave it, or the file must be
 * refused before anything runs.
 */
class GooseFileApplyTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void noTransactionInsideABlockRunsTheWholeFileOutsideATransaction() {
		this.fixture.write("00001_items.sql", """
				-- +goose Up
				CREATE TABLE items (id int);
				-- +goose StatementBegin
				CREATE INDEX CONCURRENTLY items_id ON items (id);
				-- +goose NO TRANSACTION
				-- +goose StatementEnd
				-- +goose Down
				DROP TABLE items;
				""");
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT indexname FROM pg_indexes WHERE tablename = 'items'"))
			.containsExactly("items_id");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void noTransactionAfterTheStatementsRunsTheWholeFileOutsideATransaction() {
		this.fixture.write("00001_items.sql", """
				-- +goose Up
				CREATE TABLE items (id int);
				CREATE INDEX CONCURRENTLY items_id ON items (id);
				-- +goose NO TRANSACTION  \t
				""");
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT indexname FROM pg_indexes WHERE tablename = 'items'"))
			.containsExactly("items_id");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void statementBeginInTheMiddleOfAStatementSendsTheLinesBeforeItWithTheBlock() {
		this.fixture.write("00001_answer.sql", """
				-- +goose Up
				CREATE FUNCTION answer() RETURNS int LANGUAGE plpgsql AS
				-- +goose StatementBegin
				$$
				BEGIN
				  RETURN 42;
				END;
				$$;
				-- +goose StatementEnd
				-- +goose Down
				DROP FUNCTION answer();
				""");
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT answer()")).containsExactly("42");
	}

	@Test
	void crlfFileStoresLineFeedsOnlyWhileItsChecksumCoversTheBytesAsWritten() throws Exception {
		String file = String.join("\r\n", "-- +goose Up", "CREATE TABLE notes (body text);",
				"INSERT INTO notes VALUES ('first line", "second line');", "-- +goose StatementBegin",
				"CREATE FUNCTION two_lines() RETURNS text LANGUAGE sql AS $$", "  SELECT 'a", "b'", "$$;",
				"-- +goose StatementEnd", "");
		this.fixture.write("00001_notes.sql", file);
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT body = E'first line\\nsecond line' FROM notes")).containsExactly("t");
		assertThat(this.fixture.query("SELECT two_lines() = E'a\\nb', position(E'\\r' IN prosrc) FROM pg_proc "
				+ "WHERE proname = 'two_lines'")).containsExactly("t|0");
		String sha256 = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(file.getBytes(StandardCharsets.UTF_8)));
		assertThat(this.fixture.query("SELECT checksum FROM migrator_history")).containsExactly(sha256);
	}

	@Test
	void envsubSubstitutesInsideBlocksAndDollarQuotedBodiesAndLeavesDollarQuotesAlone() {
		this.fixture.write("00001_settings.sql", """
				-- +goose Up
				-- +goose ENVSUB ON
				CREATE TABLE settings (k text, v text);
				INSERT INTO settings VALUES ('region', '${REGION:0:2}'), ('fallback', '${MISSING:-${REGION}}');
				-- +goose StatementBegin
				CREATE FUNCTION greet(who text) RETURNS text LANGUAGE plpgsql AS $body$
				BEGIN
				  RETURN '${GREETING}, ' || who || ' ($1 and $$ stay)';
				END;
				$body$;
				-- +goose StatementEnd
				-- +goose ENVSUB OFF
				DO $$ BEGIN INSERT INTO settings VALUES ('literal', '${REGION}'); END $$;
				""");
		this.fixture.builder().variable("REGION", "eu-west").variable("GREETING", "hello").build().up();
		assertThat(this.fixture.query("SELECT k || '=' || v FROM settings ORDER BY k")).containsExactly(
				"fallback=eu-west", "literal=${REGION}", "region=eu");
		assertThat(this.fixture.query("SELECT greet('bob')")).containsExactly("hello, bob ($1 and $$ stay)");
	}

	@Test
	void transactionControlInATransactionalFileIsRefusedBeforeAnythingRunsByUpAndDryRun() {
		this.fixture.write("00001_first.sql", "-- +goose Up\nCREATE TABLE first (id int);\n");
		this.fixture.write("00002_wrapped.sql", """
				-- +goose Up
				BEGIN;
				CREATE TABLE wrapped (id int);
				COMMIT;
				""");
		Migrator migrator = this.fixture.migrator();
		for (Runnable operation : new Runnable[] { migrator::up, migrator::dryRun }) {
			InvalidSourceException refused = catchThrowableOfType(InvalidSourceException.class, operation::run);
			assertThat(refused.getErrorCode()).isEqualTo(ErrorCode.INVALID_SOURCE);
			assertThat(refused.getMessage()).contains("/00002_wrapped.sql:2: BEGIN in a migration that runs in a "
					+ "transaction", "'-- +goose NO TRANSACTION'");
		}
		assertThat(this.fixture.tableExists("first")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void transactionControlRunsAsWrittenInANoTransactionFile() {
		this.fixture.write("00001_wrapped.sql", """
				-- +goose Up
				-- +goose NO TRANSACTION
				BEGIN;
				CREATE TABLE wrapped (id int);
				INSERT INTO wrapped VALUES (1);
				COMMIT;
				""");
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT id FROM wrapped")).containsExactly("1");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void sqlStandardFunctionBodyOutsideABlockIsOneStatement() {
		this.fixture.write("00001_sign.sql", """
				-- +goose Up
				CREATE FUNCTION sign_of(i int) RETURNS int LANGUAGE sql
				BEGIN ATOMIC
				  SELECT CASE WHEN i > 0 THEN 1 WHEN i < 0 THEN -1 ELSE 0 END;
				END;
				-- +goose Down
				DROP FUNCTION sign_of(int);
				""");
		this.fixture.migrator().up();
		assertThat(this.fixture.query("SELECT sign_of(-7), sign_of(0), sign_of(3)")).containsExactly("-1|0|1");
	}

	@Test
	void bytesThatAreNotUtf8AreRefusedBeforeAnythingRuns() throws IOException {
		this.fixture.write("00001_first.sql", "-- +goose Up\nCREATE TABLE first (id int);\n");
		writeLatin1("00002_cities.sql");
		InvalidSourceException refused = catchThrowableOfType(InvalidSourceException.class,
				this.fixture.migrator()::up);
		assertThat(refused.getMessage()).endsWith("/00002_cities.sql:3: byte 0xE8 at column 32 is not valid UTF-8: "
				+ "the file is saved in another encoding. Save the file as UTF-8, or declare the encoding it is saved "
				+ "in (MigratorBuilder.encoding, the CLI's --encoding or migrator.encoding, e.g. windows-1252)");
		assertThat(this.fixture.tableExists("first")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void aDeclaredEncodingReadsTheFileAsSaved() throws IOException {
		writeLatin1("00001_cities.sql");
		this.fixture.builder().encoding(Charset.forName("ISO-8859-1")).build().up();
		assertThat(this.fixture.query("SELECT name FROM cities")).containsExactly("Genève");
	}

	@Test
	void blockHoldingSeveralStatementsWithAnnotationsInsideRunsAsOneQueryInTheMigrationsTransaction() {
		this.fixture.write("00001_events.sql", """
				-- +goose Up
				-- +goose StatementBegin
				CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
				CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
				-- +goose ENVSUB ON
				INSERT INTO events VALUES (1, '${DAY}');
				-- +goose ENVSUB OFF
				INSERT INTO events VALUES (2, '2026-06-01'); -- the last statement ends with a comment
				-- +goose StatementEnd
				-- +goose Down
				DROP TABLE events;
				""");
		this.fixture.builder().variable("DAY", "2026-05-01").build().up();
		assertThat(this.fixture.query("SELECT id || '@' || at FROM events_2026 ORDER BY id"))
			.containsExactly("1@2026-05-01", "2@2026-06-01");
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void validateReportsTransactionControlAndUndecodableBytesAsUpWouldAndHonoursTheDeclaredEncoding()
			throws IOException {
		this.fixture.write("00001_wrapped.sql", "-- +goose Up\nBEGIN;\nCREATE TABLE wrapped (id int);\nCOMMIT;\n");
		writeLatin1("00002_cities.sql");
		ValidationResult utf8 = this.fixture.migrator().validate();
		assertThat(utf8.problems()).extracting(ValidationProblem::kind, ValidationProblem::version)
			.containsExactly(tuple(ValidationProblem.Kind.INVALID_SOURCE, 1L),
					tuple(ValidationProblem.Kind.INVALID_SOURCE, 2L));
		assertThat(utf8.problems().get(0).message()).contains("00001_wrapped.sql:2: BEGIN in a migration that runs");
		assertThat(utf8.problems().get(1).message()).contains("00002_cities.sql:3: byte 0xE8 at column 32");
		ValidationResult latin1 = this.fixture.builder().encoding(Charset.forName("ISO-8859-1")).build().validate();
		assertThat(latin1.problems()).extracting(ValidationProblem::version).containsExactly(1L);
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	private void writeLatin1(String fileName) throws IOException {
		Files.write(this.fixture.directory().resolve(fileName),
				"-- +goose Up\nCREATE TABLE cities (name text);\nINSERT INTO cities VALUES ('Genève');\n"
					.getBytes(StandardCharsets.ISO_8859_1));
	}

}
