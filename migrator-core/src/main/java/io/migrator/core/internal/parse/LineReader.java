package io.migrator.core.internal.parse;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Reads a character stream one line at a time, keeping each line's terminator so that
 * statement text can be handed on exactly as written. A line ends after {@code \n};
 * the {@code \r} of a {@code \r\n} pair stays part of the terminator.
 */
final class LineReader {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final Reader reader;

	private final char[] buffer = new char[8192];

	private int position;

	private int limit;

	private int lineNumber;

	private boolean endOfStream;

	LineReader(Reader reader) {
		this.reader = reader;
	}

	/**
	 * Replaces the content of {@code line} with the next line, terminator included.
	 * @param line the buffer to fill
	 * @return {@code false} when there are no more lines
	 */
	boolean readLine(StringBuilder line) {
		line.setLength(0);
		while (true) {
			if (this.position == this.limit && !fill()) {
				if (line.length() == 0) {
					return false;
				}
				break;
			}
			int start = this.position;
			int end = start;
			while (end < this.limit && this.buffer[end] != '\n') {
				end++;
			}
			if (end < this.limit) {
				line.append(this.buffer, start, end + 1 - start);
				this.position = end + 1;
				break;
			}
			line.append(this.buffer, start, end - start);
			this.position = end;
		}
		this.lineNumber++;
		// Editors on Windows like to start UTF-8 files with a byte order mark; it is
		// not SQL and would hide a leading annotation.
		if (this.lineNumber == 1 && line.charAt(0) == BYTE_ORDER_MARK) {
			line.deleteCharAt(0);
		}
		return true;
	}

	/**
	 * Returns the 1-based number of the line last read.
	 * @return the line number, 0 before the first line
	 */
	int lineNumber() {
		return this.lineNumber;
	}

	private boolean fill() {
		if (this.endOfStream) {
			return false;
		}
		try {
			int read;
			do {
				read = this.reader.read(this.buffer);
			}
			while (read == 0);
			if (read < 0) {
				this.endOfStream = true;
				return false;
			}
			this.position = 0;
			this.limit = read;
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
