package io.migrator.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scenario 3's minimal web app (one controller, a DataSource from
 * {@code spring.datasource.*}). The same class is started three times, each in a fresh JVM
 * on a different classpath: {@code target/startup/plain} (webmvc + jdbc starters),
 * {@code target/startup/migrator} (+ migrator's starter), {@code target/startup/flyway}
 * (+ Boot's Flyway starter); auto-configuration decides the rest. Prints one line
 * {@code STARTUP jvmToReadyMs=... runToReadyMs=... cpuMs=... classes=...} (process CPU
 * time, all threads, at the event) at {@link ApplicationReadyEvent}, then
 * closes the context and exits.
 * <p>
 * With {@code --bench.open-connection=true} (plain classpath only) the app opens one
 * connection and runs {@code SELECT 1} while its beans are created, as any app that
 * touches its database at start-up does: the baseline that separates what opening the
 * first pooled connection costs (PgJDBC and Hikari class loading, pool start) from what a
 * migration tool adds on top.
 */
@SpringBootApplication
@RestController
public class StartupApp {

	@GetMapping("/")
	String hello() {
		return "hello";
	}

	@Bean
	@ConditionalOnBooleanProperty("bench.open-connection")
	InitializingBean openConnection(DataSource dataSource) {
		return () -> {
			try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
				statement.execute("SELECT 1");
			}
		};
	}

	public static void main(String[] args) {
		long mainEpochMillis = System.currentTimeMillis();
		long mainNanos = System.nanoTime();
		long[] readyNanos = new long[1];
		long[] cpuNanos = new long[1];
		SpringApplication application = new SpringApplication(StartupApp.class);
		application.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> {
			readyNanos[0] = System.nanoTime();
			cpuNanos[0] = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
		});
		ConfigurableApplicationContext context = application.run(args);
		// Read after the clock stopped: the management classes are not part of the start-up.
		double runToReady = (readyNanos[0] - mainNanos) / 1e6;
		long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
		double jvmToReady = (mainEpochMillis - jvmStart) + runToReady;
		long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
		System.out.printf("STARTUP jvmToReadyMs=%.1f runToReadyMs=%.1f cpuMs=%.1f classes=%d%n", jvmToReady, runToReady,
				cpuNanos[0] / 1e6, classes);
		System.out.flush();
		context.close();
		System.exit(0);
	}

}
