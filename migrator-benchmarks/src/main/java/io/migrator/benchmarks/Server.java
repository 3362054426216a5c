package io.migrator.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the benchmark runs on, reached through an admin JDBC URL such as
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}. Every scenario gets databases of its
 * own, named {@code bench_<random>_<label>}, dropped afterwards.
 */
final class Server {

	private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]*)(\\?.*)?");

	private final String adminUrl;

	private final String host;

	private final int port;

	private final String user;

	private final String password;

	private final String runId = UUID.randomUUID().toString().substring(0, 8);

	Server(String adminUrl, String user, String password) {
		Matcher matcher = URL.matcher(adminUrl);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Expected a URL like jdbc:postgresql://127.0.0.1:5432/postgres, got "
					+ adminUrl);
		}
		this.adminUrl = adminUrl;
		this.host = matcher.group(1);
		this.port = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 5432;
		this.user = user;
		this.password = password;
	}

	String host() {
		return this.host;
	}

	int port() {
		return this.port;
	}

	String user() {
		return this.user;
	}

	String password() {
		return this.password;
	}

	String createDatabase(String label) {
		String name = "bench_" + this.runId + "_" + label;
		admin("CREATE DATABASE " + name);
		return name;
	}

	void dropDatabase(String name) {
		admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

	/** A direct (unproxied) DataSource for set-up work. */
	DataSource direct(String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setServerNames(new String[] { this.host });
		dataSource.setPortNumbers(new int[] { this.port });
		dataSource.setDatabaseName(database);
		dataSource.setUser(this.user);
		dataSource.setPassword(this.password);
		dataSource.setSslMode("disable");
		return dataSource;
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database + "?sslmode=disable";
	}

	String serverVersion() {
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				var result = statement.executeQuery("SHOW server_version")) {
			result.next();
			return result.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach PostgreSQL at " + this.adminUrl + ": " + ex.getMessage(), ex);
		}
	}

	private void admin(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + " failed on " + this.adminUrl + ": " + ex.getMessage(), ex);
		}
	}

	private Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.user);
		properties.setProperty("password", this.password);
		return DriverManager.getConnection(this.adminUrl, properties);
	}

}
