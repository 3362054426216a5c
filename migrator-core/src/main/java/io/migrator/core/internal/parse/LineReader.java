package io.migrator.core.internal.parse;

import java.io.IOException;
import java.io.Reader;

import io.migrator.core.InvalidSourceException;
import io.migrator.core.UnreadableSourceException;
import io.migrator.core.internal.parse.StrictDecodingReader.UndecodableBytesException;

/**
 * Reads a character stream one line at a time, keeping each line's {@code \n} terminator
 * so that statement text can be handed on as written. A {@code \r\n} terminator is read
 * as {@code \n}, as goose reads it: a string literal spanning lines of a file saved on
 * Windows must not store {@code \r} in the database.
 */
final class LineReader {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final String source;

	private final Reader reader;

	private final char[] buffer = new char[8192];

	private int position;

	private int limit;

	private int lineNumber;

	private boolean endOfStream;

	LineReader(String source, Reader reader) {
		this.source = source;
		this.reader = reader;
	}

	/**
	 * Replaces the content of {@code line} with the next line, terminator included.
	 * @param line the buffer to fill
	 * @return {@code false} when there are no more lines
	 * @throws InvalidSourceException when the line holds bytes that are not valid in the
	 * file's encoding
	 */
	boolean readLine(StringBuilder line) {
		line.setLength(0);
		while (true) {
			if (this.position == this.limit && !fill(line)) {
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
		dropCarriageReturn(line);
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

	private static void dropCarriageReturn(StringBuilder line) {
		int length = line.length();
		boolean newline = length > 0 && line.charAt(length - 1) == '\n';
		int carriageReturn = newline ? length - 2 : length - 1;
		if (carriageReturn >= 0 && line.charAt(carriageReturn) == '\r') {
			line.deleteCharAt(carriageReturn);
		}
	}

	private boolean fill(StringBuilder partialLine) {
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
		catch (UndecodableBytesException ex) {
			throw undecodable(ex, partialLine);
		}
		catch (IOException ex) {
			throw new UnreadableSourceException(this.source, this.lineNumber + 1, "cannot be read to its end", ex,
					"Check that the file is readable and its storage healthy, then run again");
		}
	}

	private InvalidSourceException undecodable(UndecodableBytesException ex, StringBuilder partialLine) {
		// Everything before the bad bytes was delivered, so they sit on the line being read.
		int line = this.lineNumber + 1;
		int column = partialLine.length() + 1;
		String encoding = ex.charset().name();
		return new InvalidSourceException(this.source, line,
				ex.bytes() + " at column " + column + (ex.bytes().startsWith("bytes") ? " are" : " is") + " not valid "
						+ encoding
						+ ": the file is saved in another encoding",
				"Save the file as " + encoding + ", or declare the encoding it is saved in "
						+ "(MigratorBuilder.encoding, the CLI's --encoding or migrator.encoding, e.g. windows-1252)");
	}

}
