package io.migrator.core.internal.parse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.migrator.core.InvalidSourceException;

import static io.migrator.core.internal.parse.ParsedScripts.sqlOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bytes that are not valid in the file's encoding are refused where they are, never
 * replaced by U+FFFD and stored.
 */
class StrictDecodingTests {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	@Test
	void refusesALatin1ByteInAUtf8FileNamingLineAndColumn() {
		byte[] file = bytes("-- +goose Up\nCREATE TABLE t (s text);\nINSERT INTO t VALUES ('caf", new byte[] { (byte) 0xE9 },
				"');\n");
		assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> parse(file, StandardCharsets.UTF_8))
			.withMessage("00001_test.sql:3: byte 0xE9 at column 27 is not valid UTF-8: the file is saved in "
					+ "another encoding. Save the file as UTF-8, or declare the encoding it is saved in "
					+ "(MigratorBuilder.encoding, the CLI's --encoding or migrator.encoding, e.g. windows-1252)")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(3));
	}

	@Test
	void findsTheLineOfABadByteFarIntoALargeFile() {
		StringBuilder text = new StringBuilder("-- +goose Up\n");
		for (int i = 0; i < 2_000; i++) {
			text.append("INSERT INTO t VALUES (").append(i).append(", 'r\u00e9sum\u00e9');\n");
		}
		byte[] file = bytes(text.toString(), new byte[] { 'S', 'E', 'L', 'E', 'C', 'T', ' ', (byte) 0xFF, ';', '\n' });
		assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> parse(file, StandardCharsets.UTF_8))
			.withMessageStartingWith("00001_test.sql:2002: byte 0xFF at column 8 is not valid UTF-8")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(2002));
	}

	@Test
	void refusesAMultiByteSequenceCutOffAtTheEndOfTheFile() {
		byte[] file = bytes("-- +goose Up\nSELECT 1;\n-- ", new byte[] { (byte) 0xE2, (byte) 0x82 });
		assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> parse(file, StandardCharsets.UTF_8))
			.withMessageStartingWith("00001_test.sql:3: bytes 0xE2 0x82 at column 4 are not valid UTF-8");
	}

	@Test
	void readsAFileInTheDeclaredEncoding() {
		byte[] file = bytes("-- +goose Up\nINSERT INTO t VALUES ('caf", new byte[] { (byte) 0xE9, (byte) 0x80 }, "');\n");
		assertThat(sqlOf(parse(file, WINDOWS_1252))).containsExactly("INSERT INTO t VALUES ('caf\u00e9\u20ac');");
	}

	@Test
	void refusesBytesUndefinedInTheDeclaredEncoding() {
		byte[] file = bytes("-- +goose Up\nSELECT '", new byte[] { (byte) 0x81 }, "';\n");
		assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> parse(file, WINDOWS_1252))
			.withMessageStartingWith("00001_test.sql:2: byte 0x81 at column 9 is not valid windows-1252")
			.withMessageContaining("Save the file as windows-1252");
	}

	@Test
	void acceptsValidUtf8IncludingAByteOrderMarkAndAWrittenReplacementCharacter() {
		byte[] file = ("\uFEFF-- +goose Up\nSELECT '\u00e9 \u20ac \uD83D\uDE00 \uFFFD';\n").getBytes(StandardCharsets.UTF_8);
		assertThat(sqlOf(parse(file, StandardCharsets.UTF_8)))
			.containsExactly("SELECT '\u00e9 \u20ac \uD83D\uDE00 \uFFFD';");
	}

	@Test
	void readsOneCharAtATimeEvenOutsideTheBasicMultilingualPlane() throws IOException {
		String text = "a\uD83D\uDE00\u00e9b";
		StringBuilder read = new StringBuilder();
		try (StrictDecodingReader reader = new StrictDecodingReader(
				new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)) {
			for (int c = reader.read(); c != -1; c = reader.read()) {
				read.append((char) c);
			}
		}
		assertThat(read).hasToString(text);
	}

	private static List<SqlStatement> parse(byte[] file, Charset encoding) {
		return ParsedScripts.parse(SqlScriptParser.open(ParsedScripts.SOURCE, new ByteArrayInputStream(file), encoding,
				SqlScriptFormat.GOOSE, null, (name) -> null));
	}

	private static byte[] bytes(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			out.writeBytes((part instanceof byte[] raw) ? raw : ((String) part).getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

}
