package io.migrator.benchmarks.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on 127.0.0.1 (an ephemeral port) in front of a PostgreSQL server. It adds
 * a fixed delay to each direction, so a round trip costs twice the delay more than on
 * loopback, and counts round trips and statements by reading the wire protocol (see
 * {@link WireTap}), so those counts are exact whatever the machine's noise.
 * <p>
 * Clients must not use SSL through it ({@code sslmode=disable}): the counting reads the
 * messages.
 */
public final class RoundTripProxy implements AutoCloseable {

	private final InetSocketAddress target;

	private final long delayNanos;

	private final ServerSocket listener;

	private final ExecutorService threads;

	private final List<WireTap> taps = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final StatementLog log = new StatementLog();

	private volatile boolean closed;

	private RoundTripProxy(InetSocketAddress target, Duration delayEachWay) throws IOException {
		this.target = target;
		this.delayNanos = delayEachWay.toNanos();
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "round-trip-proxy");
			thread.setDaemon(true);
			return thread;
		});
		this.threads.execute(this::accept);
	}

	/**
	 * Starts a proxy.
	 * @param host the PostgreSQL host
	 * @param port the PostgreSQL port
	 * @param delayEachWay the delay added to each direction ({@link Duration#ZERO} for none)
	 * @return the running proxy
	 */
	public static RoundTripProxy start(String host, int port, Duration delayEachWay) {
		try {
			return new RoundTripProxy(new InetSocketAddress(host, port), delayEachWay);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the proxy's listening socket", ex);
		}
	}

	/** The port clients connect to, on 127.0.0.1. */
	public int port() {
		return this.listener.getLocalPort();
	}

	/** The host clients connect to. */
	public String host() {
		return this.listener.getInetAddress().getHostAddress();
	}

	/** What crossed the proxy so far, over all connections. */
	public WireCounts counts() {
		WireCounts sum = WireCounts.ZERO;
		for (WireTap tap : this.taps) {
			sum = sum.plus(tap.counts());
		}
		return sum;
	}

	/** The statements that crossed the proxy so far. */
	public StatementLog statements() {
		return this.log;
	}

	@Override
	public void close() {
		this.closed = true;
		closeQuietly(this.listener);
		this.sockets.forEach(RoundTripProxy::closeQuietly);
		this.threads.shutdownNow();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.listener.accept();
				Socket server = new Socket();
				server.connect(this.target);
				client.setTcpNoDelay(true);
				server.setTcpNoDelay(true);
				this.sockets.add(client);
				this.sockets.add(server);
				WireTap tap = new WireTap(this.log);
				this.taps.add(tap);
				Connection connection = new Connection(client, server);
				pump(client, server, tap::clientSent, connection);
				pump(server, client, tap::serverSent, connection);
			}
			catch (IOException ex) {
				if (!this.closed) {
					System.err.println("round-trip proxy: " + ex);
				}
			}
		}
	}

	private void pump(Socket from, Socket to, Observer observer, Connection connection) throws IOException {
		InputStream in = from.getInputStream();
		OutputStream out = to.getOutputStream();
		BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
		this.threads.execute(() -> {
			byte[] buffer = new byte[64 * 1024];
			try {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					observer.observe(buffer, 0, n);
					byte[] copy = new byte[n];
					System.arraycopy(buffer, 0, copy, 0, n);
					queue.put(new Chunk(System.nanoTime() + this.delayNanos, copy));
				}
			}
			catch (IOException | InterruptedException ex) {
				// the connection ends
			}
			queue.add(Chunk.END);
		});
		this.threads.execute(() -> {
			try {
				for (Chunk chunk = queue.take(); chunk != Chunk.END; chunk = queue.take()) {
					for (long wait = chunk.due - System.nanoTime(); wait > 0; wait = chunk.due - System.nanoTime()) {
						LockSupport.parkNanos(wait);
					}
					out.write(chunk.bytes);
					out.flush();
				}
				to.shutdownOutput();
			}
			catch (IOException | InterruptedException ex) {
				// the connection ends
			}
			connection.oneWayDone();
		});
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closing anyway
		}
	}

	@FunctionalInterface
	private interface Observer {

		void observe(byte[] bytes, int offset, int length);

	}

	private record Chunk(long due, byte[] bytes) {

		static final Chunk END = new Chunk(0, new byte[0]);

	}

	/** Closes both sockets once both directions have ended. */
	private final class Connection {

		private final Socket client;

		private final Socket server;

		private int openDirections = 2;

		Connection(Socket client, Socket server) {
			this.client = client;
			this.server = server;
		}

		synchronized void oneWayDone() {
			if (--this.openDirections == 0) {
				closeQuietly(this.client);
				closeQuietly(this.server);
				RoundTripProxy.this.sockets.remove(this.client);
				RoundTripProxy.this.sockets.remove(this.server);
			}
		}

	}

}
