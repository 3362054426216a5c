package io.migrator.core;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.migrator.testsupport.TestDatabase;
import io.migrator.testsupport.TestPostgres;

/**
 * A real pgbouncer in transaction pooling mode in front of the test server, started as a
 * child process on a free port with a generated configuration, stopped on close. Fails,
 * never skips, when pgbouncer is not installed.
 */
final class Pgbouncer implements AutoCloseable {

	private final Path directory;

	private final Process process;

	private final int port;

	private Pgbouncer(Path directory, Process process, int port) {
		this.directory = directory;
		this.process = process;
		this.port = port;
	}

	static Pgbouncer start() throws IOException, InterruptedException {
		return start(new String[0]);
	}

	/**
	 * Starts pgbouncer in transaction mode with extra {@code [pgbouncer]} settings.
	 */
	static Pgbouncer start(String... settings) throws IOException, InterruptedException {
		String binary = locate();
		TestPostgres server = TestPostgres.get();
		// pgbouncer refuses to run as root and runs as user postgres, which must read these files.
		Path directory = Files.createTempDirectory(Path.of("/tmp"), "migrator-pgbouncer-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
		int port = freePort();
		Path users = write(directory.resolve("userlist.txt"),
				"\"" + server.user() + "\" \"" + server.password() + "\"\n");
		Path ini = write(directory.resolve("pgbouncer.ini"), String.join("\n", "[databases]",
				"* = host=" + server.host() + " port=" + server.port(), "[pgbouncer]", "listen_addr = 127.0.0.1",
				"listen_port = " + port, "unix_socket_dir =", "auth_type = trust", "auth_file = " + users,
				"pool_mode = transaction", "default_pool_size = 40", "max_client_conn = 400",
				"ignore_startup_parameters = extra_float_digits,options", "logfile = " + directory.resolve("log"),
				"pidfile = " + directory.resolve("pid"), String.join("\n", settings), ""));
		Process process = new ProcessBuilder(binary, "-u", "postgres", ini.toString()).redirectErrorStream(true)
			.redirectOutput(directory.resolve("stdout").toFile())
			.start();
		Pgbouncer pgbouncer = new Pgbouncer(directory, process, port);
		pgbouncer.awaitListening();
		return pgbouncer;
	}

	private static String locate() {
		for (String dir : (System.getenv("PATH") + File.pathSeparator + "/usr/sbin:/usr/local/sbin")
			.split(File.pathSeparator)) {
			File candidate = new File(dir, "pgbouncer");
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		throw new IllegalStateException("pgbouncer not found on PATH (nor in /usr/sbin): install it, e.g. "
				+ "apt-get install pgbouncer; the pooler locking tests need a real one");
	}

	private void awaitListening() throws InterruptedException, IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("pgbouncer exited with " + this.process.exitValue() + ": " + log());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		close();
		throw new IllegalStateException("pgbouncer did not listen on port " + this.port + " within 15 s: " + log());
	}

	String log() throws IOException {
		StringBuilder log = new StringBuilder();
		for (String name : new String[] { "stdout", "log" }) {
			Path file = this.directory.resolve(name);
			if (Files.exists(file)) {
				log.append(Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		return log.toString();
	}

	/**
	 * Returns a data source through this pgbouncer; {@code prepareThreshold=0} because
	 * server-side prepared statements do not survive transaction pooling.
	 */
	DataSource dataSource(TestDatabase database) {
		return dataSource(database, "?prepareThreshold=0");
	}

	/**
	 * Returns a data source through this pgbouncer with the driver's defaults, as a user who
	 * never heard of {@code prepareThreshold} configures it.
	 */
	DataSource dataSourceWithDriverDefaults(TestDatabase database) {
		return dataSource(database, "");
	}

	private DataSource dataSource(TestDatabase database, String parameters) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + this.port + "/" + database.name() + parameters);
		dataSource.setUser(database.user());
		dataSource.setPassword(database.password());
		return dataSource;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			try (var files = Files.walk(this.directory)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path write(Path file, String content) throws IOException {
		Files.writeString(file, content, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		return file;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
