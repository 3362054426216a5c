package io.migrator.core.internal.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;

/**
 * Decodes bytes into characters and refuses bytes that are not valid in the charset,
 * where {@link java.io.InputStreamReader} would silently turn them into U+FFFD and a
 * migration would store the replacement character in the database.
 * <p>
 * Every character decoded before a bad byte sequence is delivered first; the failure comes
 * with the next read. The caller (the line reader) therefore knows exactly which line and
 * column the bad bytes are on, which {@code InputStreamReader} does not tell.
 */
final class StrictDecodingReader extends Reader {

	private final InputStream in;

	private final CharsetDecoder decoder;

	private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();

	private boolean endOfInput;

	private boolean flushed;

	private UndecodableBytesException pending;

	/**
	 * The second char decoded for a caller who asked for one only, or -1.
	 */
	private int heldChar = -1;

	StrictDecodingReader(InputStream in, Charset charset) {
		this.in = in;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		if (this.pending != null) {
			throw this.pending;
		}
		if (length == 0) {
			return 0;
		}
		if (this.heldChar >= 0) {
			buffer[offset] = (char) this.heldChar;
			this.heldChar = -1;
			return 1;
		}
		if (length == 1) {
			return readOneOfTwo(buffer, offset);
		}
		CharBuffer out = CharBuffer.wrap(buffer, offset, length);
		while (true) {
			CoderResult result = this.decoder.decode(this.bytes, out, this.endOfInput);
			int produced = out.position() - offset;
			if (result.isError()) {
				this.pending = undecodable(result.length());
				if (produced > 0) {
					return produced;
				}
				throw this.pending;
			}
			if (result.isOverflow() || produced > 0) {
				return produced;
			}
			if (this.endOfInput) {
				if (!this.flushed) {
					this.flushed = true;
					this.decoder.flush(out);
					produced = out.position() - offset;
				}
				return (produced > 0) ? produced : -1;
			}
			fill();
		}
	}

	/**
	 * Decodes into room for a surrogate pair, so a one-char read of a character outside
	 * the Basic Multilingual Plane still makes progress.
	 */
	private int readOneOfTwo(char[] buffer, int offset) throws IOException {
		char[] pair = new char[2];
		int read = read(pair, 0, 2);
		if (read > 0) {
			buffer[offset] = pair[0];
			if (read == 2) {
				this.heldChar = pair[1];
			}
		}
		return read;
	}

	private void fill() throws IOException {
		this.bytes.compact();
		int read;
		do {
			read = this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
		}
		while (read == 0);
		if (read < 0) {
			this.endOfInput = true;
		}
		else {
			this.bytes.position(this.bytes.position() + read);
		}
		this.bytes.flip();
	}

	private UndecodableBytesException undecodable(int length) {
		byte[] bad = new byte[Math.min(length, this.bytes.remaining())];
		this.bytes.get(this.bytes.position(), bad);
		String hex = HexFormat.ofDelimiter(" ").withPrefix("0x").withUpperCase().formatHex(bad);
		return new UndecodableBytesException(this.decoder.charset(), ((bad.length == 1) ? "byte " : "bytes ") + hex);
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/**
	 * Bytes that are not valid in the charset the file is read with.
	 */
	static final class UndecodableBytesException extends IOException {

		private final transient Charset charset;

		private final String bytes;

		UndecodableBytesException(Charset charset, String bytes) {
			super(bytes + " not valid " + charset.name());
			this.charset = charset;
			this.bytes = bytes;
		}

		Charset charset() {
			return this.charset;
		}

		/**
		 * Returns the bad bytes as shown to users.
		 * @return e.g. "byte 0xE9" or "bytes 0xE2 0x82"
		 */
		String bytes() {
			return this.bytes;
		}

	}

}
