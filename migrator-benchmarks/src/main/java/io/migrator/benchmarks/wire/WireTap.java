package io.migrator.benchmarks.wire;

import java.util.HashMap;
import java.util.Map;

/**
 * Watches both directions of one proxied connection and counts its round trips and
 * statements.
 * <p>
 * A round trip is counted when the client starts a message after the server handed it
 * the turn: ReadyForQuery, an authentication request that needs an answer, a
 * CopyInResponse/CopyBothResponse, or the one-byte answer to an SSL/GSS request. Bytes
 * the server sends without handing over the turn (a NOTICE flushed in the middle of a
 * pipelined batch, for example) do not make the client's next bytes a new round trip,
 * so the count does not depend on how TCP happens to split or time the traffic.
 */
final class WireTap {

	private static final int SSL_REQUEST = 80877103;

	private static final int GSSENC_REQUEST = 80877104;

	private static final int CANCEL_REQUEST = 80877102;

	private final StatementLog log;

	private final MessageFramer client = new MessageFramer(true, this::fromClient);

	private final MessageFramer server = new MessageFramer(false, this::fromServer);

	private final Map<String, String> preparedSql = new HashMap<>();

	private final Map<String, String> portalSql = new HashMap<>();

	private boolean clientHasTurn = true;

	private long roundTrips;

	private long statements;

	private long clientBytes;

	private long serverBytes;

	WireTap(StatementLog log) {
		this.log = log;
	}

	synchronized void clientSent(byte[] bytes, int offset, int length) {
		this.clientBytes += length;
		this.client.feed(bytes, offset, length);
	}

	synchronized void serverSent(byte[] bytes, int offset, int length) {
		this.serverBytes += length;
		this.server.feed(bytes, offset, length);
	}

	synchronized WireCounts counts() {
		return new WireCounts(1, this.roundTrips, this.statements, this.clientBytes, this.serverBytes);
	}

	private void fromClient(char type, MessageFramer.Body body) {
		if (this.clientHasTurn && type != 'X') {
			this.roundTrips++;
			this.clientHasTurn = false;
		}
		switch (type) {
			case MessageFramer.UNTYPED -> {
				int code = body.intAt(0);
				if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
					this.server.expectSingleByte();
				}
				else if (code != CANCEL_REQUEST) {
					this.client.expectUntyped(false);
				}
			}
			case 'Q' -> {
				this.statements++;
				this.log.add(body.cString(0));
			}
			case 'P' -> {
				String name = body.cString(0);
				this.preparedSql.put(name, body.cString(body.after(0)));
			}
			case 'B' -> {
				String portal = body.cString(0);
				String statement = body.cString(body.after(0));
				this.portalSql.put(portal, this.preparedSql.get(statement));
			}
			case 'E' -> {
				this.statements++;
				this.log.add(this.portalSql.get(body.cString(0)));
			}
			case 'C' -> {
				// Close of a prepared statement ('S') or portal ('P'): the names may be reused.
			}
			default -> {
			}
		}
	}

	private void fromServer(char type, MessageFramer.Body body) {
		switch (type) {
			case 'Z', 'G', 'W', MessageFramer.SINGLE_BYTE -> this.clientHasTurn = true;
			case 'R' -> {
				int code = body.intAt(0);
				// 0 = AuthenticationOk, 12 = SASLFinal: the server goes on without an answer.
				if (code != 0 && code != 12) {
					this.clientHasTurn = true;
				}
			}
			default -> {
			}
		}
	}

}
