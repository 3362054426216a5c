package io.migrator.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;

/**
 * What to connect to: a JDBC URL without credentials, and the user and password to send
 * as connection properties. Accepts what goose users already have in {@code GOOSE_DBSTRING}:
 * a libpq URL ({@code postgres://user:pass@host:5432/db?sslmode=disable}, also
 * {@code postgresql://}) or a libpq key=value string ({@code host=db dbname=app user=app}),
 * and converts it; a {@code jdbc:} URL is taken as it is.
 *
 * @param jdbcUrl the JDBC URL
 * @param user the user, or {@code null}
 * @param password the password, or {@code null}
 */
record ConnectionTarget(String jdbcUrl, String user, String password) {

	private static final String JDBC_POSTGRESQL = "jdbc:postgresql://";

	/**
	 * libpq parameters that have a pgjdbc property of the same meaning (same values).
	 * Anything else is refused rather than dropped: a silently ignored {@code sslmode} or
	 * {@code search_path} would connect somewhere else than the user asked.
	 */
	private static final Map<String, String> SAME_MEANING = Map.ofEntries(Map.entry("sslmode", "sslmode"),
			Map.entry("sslcert", "sslcert"), Map.entry("sslkey", "sslkey"), Map.entry("sslrootcert", "sslrootcert"),
			Map.entry("sslpassword", "sslpassword"), Map.entry("connect_timeout", "connectTimeout"),
			Map.entry("application_name", "ApplicationName"), Map.entry("options", "options"),
			Map.entry("search_path", "currentSchema"));

	/** lib/pq and pgx settings about the Go client's own wire behaviour: nothing to carry over. */
	private static final List<String> GO_CLIENT_ONLY = List.of("binary_parameters", "disable_prepared_binary_result",
			"statement_cache_capacity", "default_query_exec_mode", "prefer_simple_protocol");

	private static final Map<String, String> TARGET_SESSION_ATTRS = Map.of("any", "any", "read-write", "primary",
			"primary", "primary", "read-only", "secondary", "standby", "secondary", "prefer-standby",
			"preferSecondary");

	/**
	 * Converts what the user gave into a JDBC target. The user and password given as
	 * options win over those written into a DSN.
	 * @param given the {@code --url} value (a JDBC URL or a goose DSN)
	 * @param user the {@code --user} value, or {@code null}
	 * @param password the {@code --password} value, or {@code null}
	 * @return the target
	 * @throws MigratorException with {@link ErrorCode#INVALID_CONFIGURATION} when the
	 * value is neither form, or a DSN parameter has no JDBC equivalent
	 */
	static ConnectionTarget of(String given, String user, String password) {
		String trimmed = given.trim();
		String lower = trimmed.toLowerCase(Locale.ROOT);
		if (lower.startsWith("jdbc:")) {
			requireNoUserInfo(trimmed);
			return new ConnectionTarget(trimmed, user, password);
		}
		Dsn dsn;
		if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
			dsn = Dsn.fromUrl(trimmed);
		}
		else if (trimmed.matches("(?s)\\s*[A-Za-z_]+\\s*=.*")) {
			dsn = Dsn.fromKeyValues(trimmed);
		}
		else {
			// Only a URL is quoted back, masked: another tool's DSN (user:pass@tcp(host)/db) has no
			// structure to find its password by.
			String shown = trimmed.contains("://") ? ", but was '" + Secrets.maskUrls(trimmed) + "'"
					: ", but it is neither (not shown: it may hold a password)";
			throw invalid("--url must be a JDBC URL (jdbc:postgresql://localhost:5432/app) or a goose DSN "
					+ "(postgres://user:password@localhost:5432/app?sslmode=disable, or host=localhost dbname=app "
					+ "user=app)" + shown);
		}
		return new ConnectionTarget(dsn.jdbcUrl(), (user != null) ? user : dsn.user,
				(password != null) ? password : dsn.password);
	}

	/**
	 * Refuses {@code jdbc:postgresql://user:pass@host}: pgjdbc reads {@code user:pass} as
	 * the host and the password as the port, and its own log then printed the password in
	 * an "invalid port number" message. Shows the JDBC spelling instead.
	 */
	private static void requireNoUserInfo(String url) {
		if (!url.regionMatches(true, 0, JDBC_POSTGRESQL, 0, JDBC_POSTGRESQL.length())) {
			return;
		}
		String rest = url.substring(JDBC_POSTGRESQL.length());
		int end = indexOfAny(rest, "/?");
		String authority = (end >= 0) ? rest.substring(0, end) : rest;
		int at = authority.lastIndexOf('@');
		if (at < 0) {
			return;
		}
		String userInfo = authority.substring(0, at);
		String userName = (userInfo.indexOf(':') >= 0) ? userInfo.substring(0, userInfo.indexOf(':')) : userInfo;
		String withoutUser = JDBC_POSTGRESQL + rest.substring(at + 1);
		throw invalid("'" + Secrets.maskUrls(url) + "' is not a JDBC URL: JDBC takes no user or password before "
				+ "the host. Use --url " + Secrets.maskUrls(withoutUser) + " --user " + decode(userName)
				+ " --password ... (or $MIGRATOR_PASSWORD), or the goose form --url 'postgres://"
				+ Secrets.maskUrls(url.substring("jdbc:".length())).substring("postgresql://".length())
				+ "', which migrator converts.");
	}

	private static int indexOfAny(String text, String characters) {
		for (int i = 0; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

	private static String decode(String value) {
		return decode(value, "'" + value + "'");
	}

	/**
	 * Decodes percent-escapes; {@code what} names the part in an error, so that a password
	 * is never quoted.
	 */
	private static String decode(String value, String what) {
		try {
			return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("The DSN has a malformed percent-escape in " + what
					+ ": write special characters of a user or password as %XX (e.g. @ as %40, % as %25)");
		}
	}

	private static MigratorException invalid(String message) {
		return new MigratorException(ErrorCode.INVALID_CONFIGURATION, message);
	}

	/**
	 * A libpq connection string, parsed: hosts, ports, database, credentials and the other
	 * parameters in the order given.
	 */
	private static final class Dsn {

		private final List<String> hosts = new ArrayList<>();

		private final List<String> ports = new ArrayList<>();

		private String database;

		private String user;

		private String password;

		private final Map<String, String> parameters = new LinkedHashMap<>();

		/** {@code postgres://[user[:password]@][host[:port][,...]][/dbname][?param=value&...]} */
		static Dsn fromUrl(String url) {
			Dsn dsn = new Dsn();
			String rest = url.substring(url.indexOf("://") + 3);
			int query = rest.indexOf('?');
			if (query >= 0) {
				for (String pair : rest.substring(query + 1).split("&")) {
					if (pair.isEmpty()) {
						continue;
					}
					int equals = pair.indexOf('=');
					if (equals < 0) {
						throw invalid("The DSN parameter '" + Secrets.maskUrls(pair) + "' has no value: write it as "
								+ "name=value");
					}
					String key = decode(pair.substring(0, equals));
					dsn.set(key, decode(pair.substring(equals + 1), "the value of " + key));
				}
				rest = rest.substring(0, query);
			}
			int slash = rest.indexOf('/');
			String authority = (slash >= 0) ? rest.substring(0, slash) : rest;
			if (slash >= 0 && slash + 1 < rest.length()) {
				dsn.database = decode(rest.substring(slash + 1));
			}
			int at = authority.lastIndexOf('@');
			if (at >= 0) {
				String userInfo = authority.substring(0, at);
				int colon = userInfo.indexOf(':');
				dsn.user = decode((colon >= 0) ? userInfo.substring(0, colon) : userInfo);
				if (colon >= 0) {
					dsn.password = decode(userInfo.substring(colon + 1), "the password");
				}
				authority = authority.substring(at + 1);
			}
			for (String hostAndPort : authority.split(",")) {
				if (hostAndPort.isEmpty()) {
					continue;
				}
				int portColon = hostAndPort.lastIndexOf(':');
				boolean ipv6WithoutPort = hostAndPort.endsWith("]");
				if (portColon > hostAndPort.lastIndexOf(']') && !ipv6WithoutPort) {
					dsn.hosts.add(decode(hostAndPort.substring(0, portColon)));
					dsn.ports.add(hostAndPort.substring(portColon + 1));
				}
				else {
					dsn.hosts.add(decode(hostAndPort));
				}
			}
			return dsn;
		}

		/** {@code host=db port=5432 dbname=app user=app password='it''s' sslmode=disable} */
		static Dsn fromKeyValues(String text) {
			Dsn dsn = new Dsn();
			int i = 0;
			while (i < text.length()) {
				while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
					i++;
				}
				if (i >= text.length()) {
					break;
				}
				int equals = text.indexOf('=', i);
				if (equals < 0) {
					throw invalid("The DSN part '" + Secrets.maskUrls(text.substring(i)) + "' is not key=value: "
							+ "write it like host=localhost dbname=app user=app");
				}
				String key = text.substring(i, equals).trim();
				i = equals + 1;
				while (i < text.length() && text.charAt(i) == ' ') {
					i++;
				}
				StringBuilder value = new StringBuilder();
				if (i < text.length() && text.charAt(i) == '\'') {
					i++;
					boolean closed = false;
					while (i < text.length()) {
						char c = text.charAt(i++);
						if (c == '\\' && i < text.length()) {
							value.append(text.charAt(i++));
						}
						else if (c == '\'') {
							closed = true;
							break;
						}
						else {
							value.append(c);
						}
					}
					if (!closed) {
						throw invalid("The DSN value of '" + key + "' opens a quote that never closes: end it with '");
					}
				}
				else {
					while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
						char c = text.charAt(i++);
						if (c == '\\' && i < text.length()) {
							c = text.charAt(i++);
						}
						value.append(c);
					}
				}
				dsn.set(key, value.toString());
			}
			return dsn;
		}

		private void set(String key, String value) {
			switch (key) {
				case "host", "hostaddr" -> {
					this.hosts.clear();
					this.hosts.addAll(List.of(value.split(",")));
				}
				case "port" -> {
					this.ports.clear();
					this.ports.addAll(List.of(value.split(",")));
				}
				case "dbname" -> this.database = value;
				case "user" -> this.user = value;
				case "password" -> this.password = value;
				default -> this.parameters.put(key, value);
			}
		}

		String jdbcUrl() {
			StringBuilder url = new StringBuilder(JDBC_POSTGRESQL);
			List<String> hostList = this.hosts.isEmpty() ? List.of("localhost") : this.hosts;
			for (int i = 0; i < hostList.size(); i++) {
				String host = hostList.get(i);
				if (host.startsWith("/")) {
					throw invalid("The DSN names the Unix socket directory " + host + ", and the bundled JDBC "
							+ "driver connects over TCP only: use host=localhost (or the server's address)");
				}
				if (i > 0) {
					url.append(',');
				}
				url.append((host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host);
				String port = (i < this.ports.size()) ? this.ports.get(i)
						: (this.ports.size() == 1 ? this.ports.get(0) : null);
				if (port != null && !port.isEmpty()) {
					if (!port.chars().allMatch(Character::isDigit)) {
						throw invalid("The DSN port '" + port + "' is not a number");
					}
					url.append(':').append(port);
				}
			}
			// libpq connects to the database named like the user when none is given.
			String databaseName = (this.database != null) ? this.database : this.user;
			url.append('/');
			if (databaseName != null) {
				url.append(encode(databaseName));
			}
			List<String> properties = new ArrayList<>();
			this.parameters.forEach((key, value) -> {
				String property = SAME_MEANING.get(key);
				if (property != null) {
					properties.add(property + "=" + encode(value));
				}
				else if (key.equals("target_session_attrs") && TARGET_SESSION_ATTRS.containsKey(value)) {
					properties.add("targetServerType=" + TARGET_SESSION_ATTRS.get(value));
				}
				else if (!GO_CLIENT_ONLY.contains(key)) {
					throw invalid("The DSN parameter '" + key + "' has no JDBC equivalent migrator knows. Remove it, "
							+ "or pass a JDBC URL with the pgjdbc property you need (jdbc:postgresql://host:5432/db?...)");
				}
			});
			if (!properties.isEmpty()) {
				url.append('?').append(String.join("&", properties));
			}
			return url.toString();
		}

		private static String encode(String value) {
			return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
		}

	}

}
