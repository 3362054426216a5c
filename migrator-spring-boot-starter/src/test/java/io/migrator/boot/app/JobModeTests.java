package io.migrator.boot.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.migrator.boot.autoconfigure.MigratorJobExitHandler;
import io.migrator.boot.autoconfigure.MigratorJobFailedException;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@FreshDatabase
class JobModeTests {

	private final TestDatabase database;

	JobModeTests(TestDatabase database) {
		this.database = database;
	}

	@Test
	void jobModeAppliesThenExitsWithZeroWithoutAWebServer() throws IOException {
		AtomicInteger status = new AtomicInteger(-1);
		int port = Probe.freePort();
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton("migratorJobExitHandler", (MigratorJobExitHandler) status::set));
		ConfigurableApplicationContext context = application.run(args("job_ok", "apply", port));
		assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
		assertThat(context.isActive()).isFalse();
		assertThat(status).hasValue(0);
		assertThat(Probe.accepts(port)).isFalse();
		assertThat(versions("job_ok")).isEqualTo("1,2");
	}

	@Test
	void failedJobEndsStartupWithExitCodeOne() throws IOException {
		SpringApplication application = new SpringApplication(TestApplication.class);
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application.run(args("job_failed", "failing", Probe.freePort())))
			.satisfies((ex) -> {
				Throwable cause = ex;
				while (cause != null && !(cause instanceof MigratorJobFailedException)) {
					cause = cause.getCause();
				}
				assertThat(cause).isInstanceOf(MigratorJobFailedException.class);
				assertThat(((ExitCodeGenerator) cause).getExitCode()).isEqualTo(1);
			});
	}

	@Test
	void jobProcessExitsZeroOnSuccessAndOneOnFailureAndNeverStartsTomcat() throws Exception {
		int port = Probe.freePort();
		ChildResult success = runChild(args("child_ok", "apply", port));
		assertThat(success.exitCode()).as(success.output()).isZero();
		assertThat(success.output()).contains("Migration job finished").doesNotContain("Tomcat");
		assertThat(versions("child_ok")).isEqualTo("1,2");
		ChildResult failure = runChild(args("child_failed", "failing", port));
		assertThat(failure.exitCode()).as(failure.output()).isEqualTo(1);
		assertThat(failure.output()).contains("Migration failed at version 2").doesNotContain("Tomcat");
	}

	private String[] args(String schema, String location, int port) {
		createSchema(schema);
		return new String[] { "--spring.datasource.url=" + this.database.jdbcUrl() + "?currentSchema=" + schema,
				"--spring.datasource.username=" + this.database.user(),
				"--spring.datasource.password=" + this.database.password(), "--migrator.schema=" + schema,
				"--migrator.locations=classpath:db/boot-tests/" + location, "--migrator.mode=job",
				"--server.port=" + port, "--spring.main.banner-mode=off" };
	}

	private ChildResult runChild(String[] args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(TestApplication.class.getName());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new ChildResult(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private void createSchema(String schema) {
		try (var connection = this.database.connect(); var statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String versions(String schema) {
		try (var connection = this.database.connect();
				var statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT string_agg(version::text, ',' ORDER BY version) FROM "
						+ schema + ".migrator_history")) {
			rows.next();
			return rows.getString(1);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record ChildResult(int exitCode, String output) {
	}

}
