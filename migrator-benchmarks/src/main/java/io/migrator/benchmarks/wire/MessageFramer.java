package io.migrator.benchmarks.wire;

import java.nio.charset.StandardCharsets;

/**
 * Cuts one direction of a PostgreSQL wire-protocol byte stream into messages, however
 * the bytes are split across reads. Keeps only the first bytes of each body: enough for
 * the SQL text of a query, the names in Bind and Execute, the code of an authentication
 * request.
 */
final class MessageFramer {

	/** The type given to the untyped start-up messages (StartupMessage, SSLRequest, ...). */
	static final char UNTYPED = '\0';

	/** The type given to the single-byte answer to SSLRequest or GSSENCRequest. */
	static final char SINGLE_BYTE = '\1';

	private static final int KEPT_BODY_BYTES = 512;

	private final Handler handler;

	private final byte[] header = new byte[5];

	private final byte[] body = new byte[KEPT_BODY_BYTES];

	private int headerFill;

	private int bodyFill;

	private long bodyRemaining;

	private boolean inBody;

	private char type;

	private boolean untyped;

	private int singleBytes;

	MessageFramer(boolean startsUntyped, Handler handler) {
		this.untyped = startsUntyped;
		this.handler = handler;
	}

	/** The next message is an untyped one (a StartupMessage follows an SSLRequest). */
	void expectUntyped(boolean untyped) {
		this.untyped = untyped;
	}

	/** The next byte is a bare 'S'/'N'/'G' answer, not a message. */
	void expectSingleByte() {
		this.singleBytes++;
	}

	void feed(byte[] bytes, int offset, int length) {
		int i = offset;
		int end = offset + length;
		while (i < end) {
			if (!this.inBody && this.headerFill == 0 && this.singleBytes > 0) {
				this.singleBytes--;
				this.body[0] = bytes[i++];
				this.handler.message(SINGLE_BYTE, new Body(this.body, 1));
				continue;
			}
			if (!this.inBody) {
				int headerSize = this.untyped ? 4 : 5;
				int n = Math.min(headerSize - this.headerFill, end - i);
				System.arraycopy(bytes, i, this.header, this.headerFill, n);
				this.headerFill += n;
				i += n;
				if (this.headerFill == headerSize) {
					this.type = this.untyped ? UNTYPED : (char) (this.header[0] & 0xff);
					int lengthAt = this.untyped ? 0 : 1;
					this.bodyRemaining = intAt(this.header, lengthAt) - 4L;
					this.headerFill = 0;
					this.bodyFill = 0;
					this.inBody = true;
					if (this.bodyRemaining <= 0) {
						complete();
					}
				}
			}
			else {
				int n = (int) Math.min(this.bodyRemaining, end - i);
				int kept = Math.min(n, this.body.length - this.bodyFill);
				System.arraycopy(bytes, i, this.body, this.bodyFill, kept);
				this.bodyFill += kept;
				this.bodyRemaining -= n;
				i += n;
				if (this.bodyRemaining == 0) {
					complete();
				}
			}
		}
	}

	private void complete() {
		this.inBody = false;
		this.handler.message(this.type, new Body(this.body, this.bodyFill));
	}

	static int intAt(byte[] bytes, int at) {
		return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
				| (bytes[at + 3] & 0xff);
	}

	/**
	 * Receives each complete message.
	 */
	interface Handler {

		void message(char type, Body body);

	}

	/**
	 * The kept start of a message body, valid only during the callback.
	 */
	static final class Body {

		private final byte[] bytes;

		private final int length;

		Body(byte[] bytes, int length) {
			this.bytes = bytes;
			this.length = length;
		}

		int intAt(int at) {
			return (at + 4 <= this.length) ? MessageFramer.intAt(this.bytes, at) : -1;
		}

		/** The NUL-terminated string at {@code at} (cut at the kept length). */
		String cString(int at) {
			int end = at;
			while (end < this.length && this.bytes[end] != 0) {
				end++;
			}
			return (at < this.length) ? new String(this.bytes, at, end - at, StandardCharsets.UTF_8) : "";
		}

		/** Where the string after the one at {@code at} starts. */
		int after(int at) {
			int end = at;
			while (end < this.length && this.bytes[end] != 0) {
				end++;
			}
			return end + 1;
		}

	}

}
