package io.migrator.core.internal.parse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.migrator.core.Direction;
import io.migrator.core.InvalidSourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The one-pass validation the engine runs before touching the database.
 */
class SqlScriptSummaryTests {

	private static final String SCRIPT = """
			-- +goose Up
			-- +goose NO TRANSACTION
			CREATE TABLE users (id int, name text DEFAULT 'é; ü');
			-- +goose StatementBegin
			CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
			-- +goose StatementEnd
			INSERT INTO users VALUES (1, 'a'); INSERT INTO users VALUES (2, 'b');

			-- +goose Down
			DROP FUNCTION f();
			DROP TABLE users;
			""";

	@Test
	void readsFlags() throws Exception {
		SqlScriptSummary summary = read(SCRIPT.getBytes(StandardCharsets.UTF_8));
		assertThat(summary.noTransaction()).isTrue();
	}

	@Test
	void checksumIsSha256OfTheRawBytes() throws Exception {
		byte[] bytes = ("\uFEFF" + SCRIPT).getBytes(StandardCharsets.UTF_8);
		String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		assertThat(read(bytes).checksum()).isEqualTo(expected).hasSize(64).isLowerCase();
	}

	@Test
	void checksumChangesWithLineEndings() {
		SqlScriptSummary unix = read(SCRIPT.getBytes(StandardCharsets.UTF_8));
		SqlScriptSummary windows = read(SCRIPT.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
		assertThat(windows.checksum()).isNotEqualTo(unix.checksum());
	}

	@Test
	void summarisesAPairedFile() throws Exception {
		byte[] bytes = "DROP TABLE users;\n".getBytes(StandardCharsets.UTF_8);
		SqlScriptSummary summary = SqlScriptSummary.read("00002_users.down.sql", new ByteArrayInputStream(bytes),
				StandardCharsets.UTF_8, SqlScriptFormat.PLAIN, Direction.DOWN, (name) -> null);
		assertThat(summary.noTransaction()).isFalse();
		String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		assertThat(summary.checksum()).isEqualTo(expected);
	}

	@Test
	void validatesTheWholeFile() {
		byte[] bytes = (SCRIPT + "SELECT 'unterminated;\n").getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> read(bytes))
			.withMessageStartingWith("00001_test.sql:12: unterminated string literal");
	}

	private static SqlScriptSummary read(byte[] bytes) {
		return SqlScriptSummary.read(ParsedScripts.SOURCE, new ByteArrayInputStream(bytes),
				StandardCharsets.UTF_8, SqlScriptFormat.GOOSE, null, (name) -> null);
	}

}
