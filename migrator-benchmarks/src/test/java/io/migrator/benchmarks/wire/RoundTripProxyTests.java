package io.migrator.benchmarks.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.migrator.testsupport.TestDatabase;
import io.migrator.testsupport.TestPostgres;

/**
 * The proxy's counts against a real PostgreSQL: they must be exact, since the benchmark's
 * round-trip targets rest on them.
 */
class RoundTripProxyTests {

	private static TestPostgres server;

	private static TestDatabase database;

	@BeforeAll
	static void createDatabase() {
		server = TestPostgres.get();
		database = server.createDatabase("round_trip_proxy_tests");
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@Test
	void countsOneRoundTripAndOneStatementForASimpleQuery() throws SQLException {
		try (RoundTripProxy proxy = proxy(Duration.ZERO); Connection connection = connect(proxy)) {
			WireCounts opened = proxy.counts();
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT 1");
			}
			WireCounts query = proxy.counts().minus(opened);
			assertThat(query.roundTrips()).isEqualTo(1);
			assertThat(query.statements()).isEqualTo(1);
			assertThat(opened.connections()).isEqualTo(1);
			assertThat(proxy.statements().sequence()).endsWith("SELECT 1");
		}
	}

	@Test
	void countsAPipelinedBatchAsOneRoundTripEvenWhenTheServerFlushesANoticeMidway() throws SQLException {
		try (RoundTripProxy proxy = proxy(Duration.ZERO); Connection connection = connect(proxy)) {
			connection.setAutoCommit(false);
			WireCounts opened = proxy.counts();
			try (Statement statement = connection.createStatement()) {
				statement.addBatch("CREATE TEMP TABLE a (id int)");
				// a NOTICE ("does not exist, skipping") is flushed at once, before the batch's end
				statement.addBatch("DROP TABLE IF EXISTS no_such_table");
				statement.addBatch("INSERT INTO a VALUES (1)");
				statement.addBatch("COMMIT");
				statement.executeBatch();
			}
			connection.commit();
			WireCounts batch = proxy.counts().minus(opened);
			assertThat(batch.roundTrips()).isEqualTo(1);
			// the driver's BEGIN travels in the batch too
			assertThat(batch.statements()).isEqualTo(5);
			assertThat(proxy.statements().sequence()).endsWith("BEGIN", "CREATE TEMP TABLE a (id int)",
					"DROP TABLE IF EXISTS no_such_table", "INSERT INTO a VALUES (1)", "COMMIT");
		}
	}

	@Test
	void countsTheSameOnEveryRun() throws SQLException {
		long[] roundTrips = new long[3];
		for (int i = 0; i < roundTrips.length; i++) {
			try (RoundTripProxy proxy = proxy(Duration.ZERO)) {
				try (Connection connection = connect(proxy); Statement statement = connection.createStatement()) {
					for (int q = 0; q < 20; q++) {
						statement.execute("SELECT " + q);
					}
				}
				roundTrips[i] = proxy.counts().roundTrips();
			}
		}
		assertThat(roundTrips).containsOnly(roundTrips[0]);
		assertThat(roundTrips[0]).isGreaterThanOrEqualTo(21);
	}

	@Test
	void addsTheDelayEachWay() throws SQLException {
		try (RoundTripProxy proxy = proxy(Duration.ofMillis(20)); Connection connection = connect(proxy);
				Statement statement = connection.createStatement()) {
			long started = System.nanoTime();
			statement.execute("SELECT 1");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
		}
	}

	private static RoundTripProxy proxy(Duration delay) {
		return RoundTripProxy.start(server.host(), server.port(), delay);
	}

	private static Connection connect(RoundTripProxy proxy) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", server.user());
		properties.setProperty("password", server.password());
		properties.setProperty("sslmode", "disable");
		return DriverManager.getConnection(
				"jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + "/" + database.name(), properties);
	}

}
