package io.migrator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code mvn package} ships, run as users run it: the launcher {@code target/migrator}
 * with its start-up archive, the distribution archive unpacked elsewhere, and
 * {@code java -jar} with a goose user's working directory (.env) and a Java migration
 * compiled against the jar. Runs after package (failsafe).
 */
@FreshDatabase
@Tag("shaded-jar")
class PackagedCliIT {

	private static final Path TARGET = Path.of("target").toAbsolutePath();

	@Test
	void launcherUsesItsStartupArchive(TestDatabase database, @TempDir Path directory) throws Exception {
		CliFixture fixture = new CliFixture(database, directory).table("00001", "users");
		// -Xshare:on makes the JVM refuse to start when it cannot map the archive.
		Result up = run(TARGET, Map.of("MIGRATOR_JAVA_OPTS", "-Xshare:on"), launcher(), args(fixture, "up"));
		assertThat(up.exitCode()).as(up.toString()).isZero();
		assertThat(up.out()).startsWith("applied 00001_create_users.sql (");
		Result status = run(TARGET, Map.of("MIGRATOR_JAVA_OPTS", "-Xshare:on"), launcher(),
				args(fixture, "status", "--json"));
		assertThat(new ObjectMapper().readTree(status.out()).get("currentVersion").asLong()).isEqualTo(1);
	}

	@Test
	void distributionWorksWhereverItIsUnpacked(TestDatabase database, @TempDir Path directory,
			@TempDir Path installation) throws Exception {
		CliFixture fixture = new CliFixture(database, directory).table("00001", "users");
		Path archive = TARGET.resolve("migrator-" + version() + "-dist.tar.gz");
		assertThat(archive).exists();
		Result unpack = run(installation, Map.of(), List.of("tar", "xzf", archive.toString()), List.of());
		assertThat(unpack.exitCode()).as(unpack.toString()).isZero();
		Path bin = installation.resolve("migrator-" + version()).resolve("bin/migrator");
		assertThat(Files.isExecutable(bin)).isTrue();
		Result first = run(directory, Map.of(), List.of(bin.toString()), args(fixture, "up", "--json"));
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.err()).contains("writing the start-up archive");
		assertThat(new ObjectMapper().readTree(first.out()).get("versionAfter").asLong()).isEqualTo(1);
		Result second = run(directory, Map.of("MIGRATOR_JAVA_OPTS", "-Xshare:on"), List.of(bin.toString()),
				args(fixture, "version"));
		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out().trim()).isEqualTo("1");
		assertThat(second.err()).isEmpty();
	}

	@Test
	void jarReadsDotEnvFromTheWorkingDirectoryAndKeepsDriverLogsQuiet(TestDatabase database, @TempDir Path directory,
			@TempDir Path project) throws Exception {
		CliFixture fixture = new CliFixture(database, directory).table("00001", "users");
		Files.writeString(project.resolve(".env"), "MIGRATOR_URL=" + fixture.url() + "\nMIGRATOR_USER="
				+ database.user() + "\nMIGRATOR_PASSWORD='" + database.password() + "'\nGOOSE_MIGRATION_DIR="
				+ directory + "\n");
		Result up = run(project, Map.of(), java("-jar", TARGET.resolve("migrator.jar").toString()), List.of("up"));
		assertThat(up.exitCode()).as(up.toString()).isZero();
		assertThat(fixture.appliedVersions()).containsExactly("1");
		Result userInfo = run(project, Map.of(), java("-jar", TARGET.resolve("migrator.jar").toString()),
				List.of("status", "--url", "jdbc:postgresql://app:Dr1verLogSecret@127.0.0.1:5432/app"));
		assertThat(userInfo.exitCode()).isEqualTo(2);
		assertThat(userInfo.out() + userInfo.err()).doesNotContain("Dr1verLogSecret").doesNotContain("WARNING");
	}

	@Test
	void createdJavaMigrationCompilesAgainstTheJarAndRunsWithClasspath(TestDatabase database,
			@TempDir Path directory, @TempDir Path classes) throws Exception {
		CliFixture fixture = new CliFixture(database, directory);
		List<String> jar = java("-jar", TARGET.resolve("migrator.jar").toString());
		Result create = run(directory, Map.of(), jar, List.of("create", "seed", "java", "-s", "--dir",
				directory.toString()));
		assertThat(create.exitCode()).as(create.toString()).isZero();
		Path source = directory.resolve("V00001__seed.java");
		Result javac = run(directory, Map.of(), List.of(Path.of(System.getProperty("java.home"), "bin", "javac")
			.toString(), "-cp", TARGET.resolve("migrator.jar").toString(), "-d", classes.toString(), source.toString()),
				List.of());
		assertThat(javac.exitCode()).as(javac.toString()).isZero();
		Result up = run(directory, Map.of(), List.of(launcher().get(0)),
				args(fixture, "up", "--classpath", classes.toString()));
		assertThat(up.exitCode()).as(up.toString()).isZero();
		assertThat(up.out()).contains("applied V00001__seed");
		assertThat(fixture.column("SELECT type FROM " + fixture.schema() + ".migrator_history"))
			.containsExactly("java");
	}

	@Test
	void bashCompletionCompletesCommands() throws Exception {
		Result script = run(TARGET, Map.of(), launcher(), List.of("completion", "bash"));
		assertThat(script.exitCode()).as(script.toString()).isZero();
		Path file = Files.createTempFile("migrator-completion", ".bash");
		try {
			Files.writeString(file, script.out());
			Result completed = run(TARGET, Map.of(), List.of("bash", "-c", "source " + file
					+ "; COMP_WORDS=(migrator sta); COMP_CWORD=1; COMP_LINE='migrator sta'; COMP_POINT=12; "
					+ "_complete_migrator; echo \"${COMPREPLY[@]}\""), List.of());
			assertThat(completed.exitCode()).as(completed.toString()).isZero();
			assertThat(completed.out().trim()).isEqualTo("status");
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static List<String> launcher() {
		return List.of(TARGET.resolve("migrator").toString());
	}

	private static List<String> java(String... args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString()));
		command.addAll(List.of(args));
		return command;
	}

	private static List<String> args(CliFixture fixture, String... args) {
		List<String> all = new ArrayList<>(fixture.connectionOptions());
		all.addAll(List.of(args));
		return all;
	}

	private static String version() throws IOException {
		String pom = Files.readString(Path.of("pom.xml"));
		int parent = pom.indexOf("<parent>");
		int start = pom.indexOf("<version>", parent) + "<version>".length();
		return pom.substring(start, pom.indexOf("</version>", start));
	}

	private static Result run(Path workingDirectory, Map<String, String> environment, List<String> command,
			List<String> args) throws IOException, InterruptedException {
		List<String> all = new ArrayList<>(command);
		all.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(all).directory(workingDirectory.toFile());
		Map<String, String> processEnvironment = builder.environment();
		processEnvironment.keySet().removeIf((name) -> name.startsWith("MIGRATOR_") || name.startsWith("GOOSE_"));
		processEnvironment.put("JAVA_HOME", System.getProperty("java.home"));
		processEnvironment.put("XDG_CACHE_HOME", workingDirectory.resolve(".cache-for-test").toString());
		processEnvironment.putAll(new HashMap<>(environment));
		Path out = Files.createTempFile("migrator-out", ".txt");
		Path err = Files.createTempFile("migrator-err", ".txt");
		try {
			Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
			assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("finished: " + all).isTrue();
			return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	record Result(int exitCode, String out, String err) {
	}

}
