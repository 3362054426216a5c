package io.migrator.testsupport;

import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Which PostgreSQL server the tests use, decided from configuration alone before
 * anything is started, so the order of precedence can be tested on its own.
 */
final class ServerChoice {

	static final String URL_ENV = "MIGRATOR_TEST_JDBC_URL";

	static final String URL_PROPERTY = "migrator.test.jdbc-url";

	static final String USER_ENV = "MIGRATOR_TEST_USER";

	static final String USER_PROPERTY = "migrator.test.user";

	static final String PASSWORD_ENV = "MIGRATOR_TEST_PASSWORD";

	static final String PASSWORD_PROPERTY = "migrator.test.password";

	static final String DEFAULT_USER = "postgres";

	/** Where the server comes from. */
	enum Kind {

		EXPLICIT, TESTCONTAINERS, EMBEDDED

	}

	private final Kind kind;

	private final String source;

	private final String setting;

	private final String reason;

	private final String url;

	private final String user;

	private final String password;

	private ServerChoice(Kind kind, String source, String setting, String reason, String url, String user,
			String password) {
		this.kind = kind;
		this.source = source;
		this.setting = setting;
		this.reason = reason;
		this.url = url;
		this.user = user;
		this.password = password;
	}

	/**
	 * Decides which server to use: an explicit URL (system property before environment
	 * variable, blank counts as unset), else Testcontainers when it is on the classpath and
	 * Docker answers, else an embedded PostgreSQL. Docker is only probed when no URL is
	 * configured and Testcontainers is there to use it.
	 * @param environment looks up environment variables
	 * @param systemProperties looks up system properties
	 * @param testcontainersPresent whether Testcontainers' PostgreSQL module is on the
	 * classpath (optional for users of migrator-test)
	 * @param dockerAvailable whether a Docker engine answers
	 * @return the decision
	 */
	static ServerChoice decide(UnaryOperator<String> environment, UnaryOperator<String> systemProperties,
			boolean testcontainersPresent, BooleanSupplier dockerAvailable) {
		String propertyUrl = nonBlank(systemProperties.apply(URL_PROPERTY));
		String environmentUrl = nonBlank(environment.apply(URL_ENV));
		if (propertyUrl != null || environmentUrl != null) {
			String setting = (propertyUrl != null) ? URL_PROPERTY : URL_ENV;
			String user = firstNonBlank(systemProperties.apply(USER_PROPERTY), environment.apply(USER_ENV),
					DEFAULT_USER);
			String password = firstNonBlank(systemProperties.apply(PASSWORD_PROPERTY), environment.apply(PASSWORD_ENV),
					"");
			return new ServerChoice(Kind.EXPLICIT, "explicit " + setting, setting, setting + " is set",
					(propertyUrl != null) ? propertyUrl : environmentUrl, user, password);
		}
		if (!testcontainersPresent) {
			return new ServerChoice(Kind.EMBEDDED, "embedded", null,
					URL_ENV + " is not set and Testcontainers is not on the classpath", null, null, null);
		}
		if (dockerAvailable.getAsBoolean()) {
			return new ServerChoice(Kind.TESTCONTAINERS, "testcontainers", null,
					URL_ENV + " is not set and a Docker engine answers", null, null, null);
		}
		return new ServerChoice(Kind.EMBEDDED, "embedded", null,
				URL_ENV + " is not set and no Docker engine answers", null, null, null);
	}

	private static String nonBlank(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String firstNonBlank(String first, String second, String fallback) {
		String value = nonBlank(first);
		if (value == null) {
			value = nonBlank(second);
		}
		return (value != null) ? value : fallback;
	}

	Kind kind() {
		return this.kind;
	}

	String source() {
		return this.source;
	}

	/**
	 * Returns the name of the setting that gave the explicit URL.
	 * @return {@code MIGRATOR_TEST_JDBC_URL} or {@code migrator.test.jdbc-url}, or
	 * {@code null} unless the kind is {@link Kind#EXPLICIT}
	 */
	String setting() {
		return this.setting;
	}

	String reason() {
		return this.reason;
	}

	/**
	 * Returns the explicit admin-database URL.
	 * @return the URL, or {@code null} unless the kind is {@link Kind#EXPLICIT}
	 */
	String url() {
		return this.url;
	}

	String user() {
		return this.user;
	}

	String password() {
		return this.password;
	}

	@Override
	public String toString() {
		// Deliberately leaves out the password: this ends up in logs and failure messages.
		return this.source + " (" + this.reason + ")";
	}

}
