package io.migrator.boot.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;
import io.migrator.boot.autoconfigure.MigratorJobExitHandler;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@FreshDatabase
class JobModeTests {

	private final TestDatabase database;

	JobModeTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void forgetEarlierRuns() {
		JobApplication.runnerRan.set(false);
		JobApplication.scheduledRan.set(false);
	}

	@Test
	void jobModeAppliesThenClosesTheContextBeforeRunnersSchedulersOrThePort() throws Exception {
		AtomicInteger status = new AtomicInteger(-1);
		AtomicReference<ConfigurableApplicationContext> started = new AtomicReference<>();
		AtomicReference<HikariDataSource> pool = new AtomicReference<>();
		int port = Probe.freePort();
		SpringApplication application = new SpringApplication(JobApplication.class);
		application.addInitializers((context) -> {
			started.set(context);
			context.getBeanFactory().registerSingleton("migratorJobExitHandler", (MigratorJobExitHandler) status::set);
			context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof HikariDataSource hikari) {
						pool.set(hikari);
					}
					return bean;
				}
			});
		});
		assertThatException().isThrownBy(() -> application.run(args("job_ok", "apply", port)))
			.havingRootCause()
			.isInstanceOf(SpringApplication.AbandonedRunException.class);
		assertThat(status).hasValue(0);
		assertThat(versions("job_ok")).isEqualTo("1,2");
		assertThat(started.get().isActive()).isFalse();
		assertThat(pool.get().isClosed()).as("the connection pool was shut down").isTrue();
		Thread.sleep(100);
		assertThat(JobApplication.runnerRan).isFalse();
		assertThat(JobApplication.scheduledRan).isFalse();
		assertThat(Probe.accepts(port)).isFalse();
	}

	@Test
	void jobModeUnderLazyInitializationAppliesToo() {
		AtomicInteger status = new AtomicInteger(-1);
		SpringApplication application = new SpringApplication(JobApplication.class);
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton("migratorJobExitHandler", (MigratorJobExitHandler) status::set));
		assertThatException().isThrownBy(() -> application.run(with(args("job_lazy", "apply", 0),
				"--spring.main.lazy-initialization=true")));
		assertThat(status).hasValue(0);
		assertThat(versions("job_lazy")).isEqualTo("1,2");
		assertThat(JobApplication.runnerRan).isFalse();
	}

	@Test
	void jobProcessExitsZeroOnSuccessWithoutRunningTheApplication() throws Exception {
		int port = Probe.freePort();
		ChildResult success = runChild(args("child_ok", "apply", port));
		assertThat(success.exitCode()).as(success.output()).isZero();
		assertThat(success.output()).contains("Applied 2 migration(s)", "Migration job finished, exiting with status 0")
			.doesNotContain("Tomcat started", JobApplication.RUNNER_RAN, JobApplication.SCHEDULED_RAN, "Exception");
		assertThat(versions("child_ok")).isEqualTo("1,2");
	}

	@Test
	void failedJobProcessExitsOneWithTheReportAndNoStackTrace() throws Exception {
		ChildResult failure = runChild(args("child_failed", "failing", Probe.freePort()));
		assertThat(failure.exitCode()).as(failure.output()).isEqualTo(1);
		assertThat(failure.output()).contains("MIGRATION JOB FAILED", "Migration failed at version 2",
				"00002_break_widgets.sql", "Migration job finished, exiting with status 1")
			.doesNotContain("Unable to close ApplicationContext", "\tat ", "Tomcat started", JobApplication.RUNNER_RAN);
		assertThat(versions("child_failed")).isEqualTo("1");
	}

	@Test
	void lazyInitializationChangesNothingInAChildProcess() throws Exception {
		ChildResult job = runChild(with(args("child_lazy", "apply", Probe.freePort()),
				"--spring.main.lazy-initialization=true"));
		assertThat(job.exitCode()).as(job.output()).isZero();
		assertThat(versions("child_lazy")).isEqualTo("1,2");
		String[] validate = with(args("child_lazy_guard", "apply", Probe.freePort(), "validate"),
				"--spring.main.lazy-initialization=true");
		ChildResult guard = runChild(validate);
		assertThat(guard.exitCode()).as(guard.output()).isEqualTo(1);
		assertThat(guard.output()).contains("migrator.mode=validate refuses to start").doesNotContain("Tomcat started");
	}

	private String[] args(String schema, String location, int port) {
		return args(schema, location, port, "job");
	}

	private String[] args(String schema, String location, int port, String mode) {
		createSchema(schema);
		return new String[] { "--spring.datasource.url=" + this.database.jdbcUrl() + "?currentSchema=" + schema,
				"--spring.datasource.username=" + this.database.user(),
				"--spring.datasource.password=" + this.database.password(), "--migrator.schema=" + schema,
				"--migrator.locations=classpath:db/boot-tests/" + location, "--migrator.mode=" + mode,
				"--server.port=" + port, "--spring.main.banner-mode=off" };
	}

	private static String[] with(String[] args, String... more) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	private ChildResult runChild(String[] args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(JobApplication.class.getName());
		command.addAll(List.of(args));
		// The optional Docker Compose module is on this test class path; a child JVM is not
		// detected as a test, so it would look for a compose file.
		command.add("--spring.docker.compose.enabled=false");
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
