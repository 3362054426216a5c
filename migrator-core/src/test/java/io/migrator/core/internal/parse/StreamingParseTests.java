package io.migrator.core.internal.parse;

import java.io.Reader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.migrator.core.Direction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed files of hundreds of megabytes parse as a stream. The input is generated on the
 * fly so that the test needs neither disk nor heap for it.
 */
class StreamingParseTests {

	private static final int INSERTS = 600_000;

	@Test
	@Timeout(30)
	void parsesFiftyMegabytesOfInsertsAsAStream() {
		SeedReader reader = new SeedReader(INSERTS);
		int up = 0;
		int down = 0;
		try (SqlScriptParser parser = new SqlScriptParser("00003_seed.sql", reader, SqlScriptFormat.GOOSE, null,
				(name) -> null)) {
			for (SqlStatement statement = parser.next(); statement != null; statement = parser.next()) {
				if (statement.direction() == Direction.UP) {
					up++;
				}
				else {
					down++;
				}
			}
		}
		assertThat(reader.generatedChars).isGreaterThan(50_000_000L);
		assertThat(up).isEqualTo(INSERTS);
		assertThat(down).isEqualTo(1);
	}

	/**
	 * Produces "-- +goose Up", then INSERT statements whose strings hold ';' and
	 * comment markers, then a Down section.
	 */
	private static final class SeedReader extends Reader {

		private final int inserts;

		private int produced = -1;

		private String current = "-- +goose Up\n";

		private int offset;

		private long generatedChars;

		SeedReader(int inserts) {
			this.inserts = inserts;
		}

		@Override
		public int read(char[] buffer, int off, int len) {
			if (this.current == null) {
				return -1;
			}
			int count = 0;
			while (count < len && this.current != null) {
				int n = Math.min(len - count, this.current.length() - this.offset);
				this.current.getChars(this.offset, this.offset + n, buffer, off + count);
				this.offset += n;
				count += n;
				if (this.offset == this.current.length()) {
					this.generatedChars += this.current.length();
					this.current = nextLine();
					this.offset = 0;
				}
			}
			return count;
		}

		private String nextLine() {
			this.produced++;
			if (this.produced < this.inserts) {
				return "INSERT INTO seed (id, note) VALUES (" + this.produced
						+ ", 'row; with -- no comment and /* no block */ inside');\n";
			}
			return (this.produced == this.inserts) ? "-- +goose Down\nTRUNCATE seed;\n" : null;
		}

		@Override
		public void close() {
		}

	}

}
