package io.migrator.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server of one test class's own, which that class may shut down, crash and
 * start again on the same data directory and port: for fault-injection tests. Never the
 * shared {@link TestPostgres} server, which other tests (and other builds on the machine)
 * use at the same time. Embedded binaries from Maven, Linux only (crashing sends SIGQUIT).
 */
public final class RestartablePostgres implements AutoCloseable {

	private static final String DATABASE = "postgres";

	private final Path dataDirectory;

	private int port;

	private EmbeddedPostgres server;

	private RestartablePostgres(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	/**
	 * Initialises a data directory in a new temporary directory and starts the server.
	 * @return the running server
	 */
	public static RestartablePostgres start() {
		try {
			RestartablePostgres postgres = new RestartablePostgres(Files.createTempDirectory("migrator-fault-pg"));
			postgres.startServer();
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a data directory for a restartable PostgreSQL", ex);
		}
	}

	private void startServer() {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setPGStartupWait(Duration.ofSeconds(60))
				// The library turns this off for speed; a crash would then lose acknowledged commits,
				// which no production server does, and fault tests would blame the migrator.
				.setServerConfig("synchronous_commit", "on");
			if (this.port != 0) {
				builder.setPort(this.port);
			}
			this.server = builder.start();
			this.port = this.server.getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the restartable PostgreSQL in " + this.dataDirectory, ex);
		}
	}

	/**
	 * Creates a new, empty database.
	 * @param hint what it is for, e.g. a test name
	 * @return its name
	 */
	public String createDatabase(String hint) {
		String name = DatabaseNames.fresh(hint);
		execute("CREATE DATABASE \"" + name + "\"");
		return name;
	}

	/**
	 * Drops a database, ending its sessions.
	 * @param name the database
	 */
	public void dropDatabase(String name) {
		execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
	}

	private void execute(String sql) {
		try (Connection connection = connect(); java.sql.Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + " failed on the restartable PostgreSQL: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns a data source of a database; every connection is new, and it keeps working
	 * across restarts.
	 * @param database the database
	 * @return the data source
	 */
	public DataSource dataSource(String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(jdbcUrl(database));
		dataSource.setUser("postgres");
		return dataSource;
	}

	/**
	 * Returns the JDBC URL of a database; the same across restarts.
	 * @param database the database
	 * @return the URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + this.port + "/" + database;
	}

	/**
	 * Opens a connection as the superuser.
	 * @return the connection
	 * @throws SQLException when the server does not answer
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(DATABASE), "postgres", "");
	}

	/**
	 * Shuts the server down the way an administrator does ({@code pg_ctl stop -m fast}):
	 * sessions are terminated, open transactions rolled back.
	 */
	public void stop() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stop the restartable PostgreSQL", ex);
		}
		this.server = null;
	}

	/**
	 * Crashes the server as a power cut would: SIGQUIT to the postmaster is PostgreSQL's
	 * immediate shutdown, no checkpoint, every backend gone at once; the next start
	 * replays the write-ahead log.
	 */
	public void crash() {
		try {
			// The first line of postmaster.pid is the postmaster's pid (the library started it through pg_ctl).
			long pid = Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).get(0).strip());
			ProcessHandle postmaster = ProcessHandle.of(pid)
				.orElseThrow(() -> new IllegalStateException("No postmaster with pid " + pid + " is running"));
			Process kill = new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -QUIT " + pid + " failed with " + kill.exitValue());
			}
			postmaster.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not send SIGQUIT to the postmaster", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while crashing PostgreSQL", ex);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("The postmaster did not end within 30 s of SIGQUIT", ex);
		}
		try {
			// Releases the library's lock on the data directory; pg_ctl finds nothing to stop.
			this.server.close();
		}
		catch (IOException ex) {
			// Expected: the server it would stop is already gone.
		}
		this.server = null;
	}

	/**
	 * Starts the server again on the same data directory and port.
	 */
	public void restart() {
		if (this.server != null) {
			throw new IllegalStateException("The server is running; stop() or crash() it first");
		}
		startServer();
	}

	/**
	 * Stops the server and deletes its data directory.
	 */
	@Override
	public void close() {
		if (this.server != null) {
			stop();
		}
		try (Stream<Path> paths = Files.walk(this.dataDirectory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + this.dataDirectory, ex);
		}
	}

}
