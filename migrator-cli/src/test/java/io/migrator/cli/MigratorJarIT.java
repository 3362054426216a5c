package io.migrator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shaded {@code target/migrator.jar} with {@code java -jar}, as scripts do. Runs
 * in the integration-test phase, after package built the jar.
 */
@FreshDatabase
@Tag("shaded-jar")
class MigratorJarIT {

	private static final Path JAR = Path.of("target", "migrator.jar");

	@Test
	void shadedJarMigratesAndReportsStatusAsJson(TestDatabase database, @TempDir Path directory) throws Exception {
		assertThat(JAR).as("the shaded jar; build it with mvn package").exists();
		CliFixture fixture = new CliFixture(database, directory).table("00001", "users").table("00002", "orders");

		Result up = java(fixture, "up");
		assertThat(up.exitCode()).as(up.toString()).isZero();
		assertThat(up.out()).contains("applied 00002_create_orders.sql");

		Result status = java(fixture, "status", "--json");
		assertThat(status.exitCode()).as(status.toString()).isZero();
		JsonNode json = new ObjectMapper().readTree(status.out());
		assertThat(json.get("currentVersion").asLong()).isEqualTo(2);
		assertThat(json.get("migrations").findValuesAsString("state")).containsExactly("applied", "applied");

		Result check = java(fixture, "check");
		assertThat(check.exitCode()).as(check.toString()).isZero();

		Result usage = java(fixture, "up-to", "latest");
		assertThat(usage.exitCode()).isEqualTo(2);
		assertThat(usage.err()).doesNotContain("\tat ");
		if (!database.password().isEmpty()) {
			assertThat(up.out() + up.err() + usage.out() + usage.err()).doesNotContain(database.password());
		}
	}

	@Test
	void shadedJarPrintsItsVersion() throws Exception {
		Process process = new ProcessBuilder(javaExecutable(), "-jar", JAR.toString(), "--version").start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		assertThat(out).startsWith("migrator ").doesNotContain("development build");
	}

	private static Result java(CliFixture fixture, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", JAR.toString()));
		command.addAll(fixture.connectionOptions());
		command.addAll(List.of(args));
		Path out = Files.createTempFile("migrator-out", ".txt");
		Path err = Files.createTempFile("migrator-err", ".txt");
		try {
			Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
				.start();
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("migrator.jar finished").isTrue();
			return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
		}
		finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	record Result(int exitCode, String out, String err) {
	}

}
