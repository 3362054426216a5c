package io.migrator.benchmarks.wire;

/**
 * What crossed the proxy so far, summed over all connections.
 *
 * @param connections client connections accepted
 * @param roundTrips times a client sent after the server had handed it the turn
 * (ReadyForQuery, an authentication request, CopyInResponse, an SSL answer); a
 * client's first message counts, a Terminate does not
 * @param statements Query messages plus Execute messages
 * @param clientBytes bytes from clients to the server
 * @param serverBytes bytes from the server to clients
 */
public record WireCounts(long connections, long roundTrips, long statements, long clientBytes, long serverBytes) {

	public static final WireCounts ZERO = new WireCounts(0, 0, 0, 0, 0);

	public WireCounts plus(WireCounts other) {
		return new WireCounts(this.connections + other.connections, this.roundTrips + other.roundTrips,
				this.statements + other.statements, this.clientBytes + other.clientBytes,
				this.serverBytes + other.serverBytes);
	}

	public WireCounts minus(WireCounts other) {
		return new WireCounts(this.connections - other.connections, this.roundTrips - other.roundTrips,
				this.statements - other.statements, this.clientBytes - other.clientBytes,
				this.serverBytes - other.serverBytes);
	}

}
