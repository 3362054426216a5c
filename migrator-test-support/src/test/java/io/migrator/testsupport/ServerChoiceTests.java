package io.migrator.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerChoiceTests {

	private final Map<String, String> environment = new HashMap<>();

	private final Map<String, String> systemProperties = new HashMap<>();

	private int dockerProbes;

	@Test
	void explicitUrlFromEnvironmentWinsWithoutProbingDocker() {
		this.environment.put("MIGRATOR_TEST_JDBC_URL", "jdbc:postgresql://db.example:6543/admin");
		ServerChoice choice = decide(() -> true);
		assertThat(choice.kind()).isEqualTo(ServerChoice.Kind.EXPLICIT);
		assertThat(choice.source()).isEqualTo("explicit MIGRATOR_TEST_JDBC_URL");
		assertThat(choice.url()).isEqualTo("jdbc:postgresql://db.example:6543/admin");
		assertThat(this.dockerProbes).isZero();
	}

	@Test
	void explicitUrlDefaultsToUserPostgresWithoutPassword() {
		this.environment.put("MIGRATOR_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
		ServerChoice choice = decide(() -> false);
		assertThat(choice.user()).isEqualTo("postgres");
		assertThat(choice.password()).isEmpty();
	}

	@Test
	void explicitUrlTakesUserAndPasswordFromEnvironment() {
		this.environment.put("MIGRATOR_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
		this.environment.put("MIGRATOR_TEST_USER", "ci");
		this.environment.put("MIGRATOR_TEST_PASSWORD", "s3cret");
		ServerChoice choice = decide(() -> false);
		assertThat(choice.user()).isEqualTo("ci");
		assertThat(choice.password()).isEqualTo("s3cret");
		assertThat(choice).hasToString("explicit MIGRATOR_TEST_JDBC_URL (MIGRATOR_TEST_JDBC_URL is set)");
	}

	@Test
	void systemPropertyWinsOverEnvironment() {
		this.environment.put("MIGRATOR_TEST_JDBC_URL", "jdbc:postgresql://from-env:5432/postgres");
		this.environment.put("MIGRATOR_TEST_USER", "env-user");
		this.systemProperties.put("migrator.test.jdbc-url", "jdbc:postgresql://from-property:5432/postgres");
		this.systemProperties.put("migrator.test.user", "property-user");
		ServerChoice choice = decide(() -> false);
		assertThat(choice.source()).isEqualTo("explicit migrator.test.jdbc-url");
		assertThat(choice.setting()).isEqualTo("migrator.test.jdbc-url");
		assertThat(choice.url()).isEqualTo("jdbc:postgresql://from-property:5432/postgres");
		assertThat(choice.user()).isEqualTo("property-user");
	}

	@Test
	void blankUrlCountsAsUnset() {
		this.environment.put("MIGRATOR_TEST_JDBC_URL", "  ");
		ServerChoice choice = decide(() -> false);
		assertThat(choice.kind()).isEqualTo(ServerChoice.Kind.EMBEDDED);
	}

	@Test
	void testcontainersWhenNoUrlAndDockerAnswers() {
		ServerChoice choice = decide(() -> true);
		assertThat(choice.kind()).isEqualTo(ServerChoice.Kind.TESTCONTAINERS);
		assertThat(choice.source()).isEqualTo("testcontainers");
		assertThat(this.dockerProbes).isOne();
	}

	@Test
	void embeddedWhenNoUrlAndNoDocker() {
		ServerChoice choice = decide(() -> false);
		assertThat(choice.kind()).isEqualTo(ServerChoice.Kind.EMBEDDED);
		assertThat(choice.source()).isEqualTo("embedded");
		assertThat(choice.reason()).isEqualTo("MIGRATOR_TEST_JDBC_URL is not set and no Docker engine answers");
	}

	@Test
	void embeddedWithoutProbingDockerWhenTestcontainersIsMissing() {
		ServerChoice choice = ServerChoice.decide(this.environment::get, this.systemProperties::get, false, () -> {
			this.dockerProbes++;
			return true;
		});
		assertThat(choice.kind()).isEqualTo(ServerChoice.Kind.EMBEDDED);
		assertThat(choice.reason()).isEqualTo("MIGRATOR_TEST_JDBC_URL is not set and Testcontainers is not on the classpath");
		assertThat(this.dockerProbes).isZero();
	}

	private ServerChoice decide(BooleanSupplier docker) {
		return ServerChoice.decide(this.environment::get, this.systemProperties::get, true, () -> {
			this.dockerProbes++;
			return docker.getAsBoolean();
		});
	}

}
