package io.migrator.boot.app;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationContext;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@FreshDatabase
class WebStartupOrderingTests {

	@Test
	void portAcceptsConnectionsOnlyAfterMigrationsFinished(TestDatabase database) throws Exception {
		int port = Probe.freePort();
		V00002__slow_gadgets slow = new V00002__slow_gadgets();
		AtomicInteger refusedWhileStarting = new AtomicInteger();
		AtomicBoolean migrationDoneAtFirstConnection = new AtomicBoolean();
		AtomicBoolean connected = new AtomicBoolean();
		Thread probe = new Thread(() -> {
			long deadline = System.nanoTime() + 60_000_000_000L;
			while (System.nanoTime() < deadline) {
				boolean done = slow.finished.get();
				if (Probe.accepts(port)) {
					migrationDoneAtFirstConnection.set(done);
					connected.set(true);
					return;
				}
				refusedWhileStarting.incrementAndGet();
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		probe.start();
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.addInitializers((context) -> context.getBeanFactory().registerSingleton("slowMigration", slow));
		try (ConfigurableApplicationContext context = application.run(
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				"--migrator.locations=classpath:db/boot-tests/slow", "--server.port=" + port)) {
			probe.join(30_000);
			assertThat(context).isInstanceOf(WebServerApplicationContext.class);
			assertThat(connected).isTrue();
			assertThat(slow.started.get()).isTrue();
			assertThat(migrationDoneAtFirstConnection).as("migration finished before the port accepted").isTrue();
			assertThat(refusedWhileStarting.get()).as("the probe was refused while the migration ran").isPositive();
		}
	}

	static class V00002__slow_gadgets implements JavaMigration {

		final AtomicBoolean started = new AtomicBoolean();

		final AtomicBoolean finished = new AtomicBoolean();

		@Override
		public void up(MigrationContext context) throws Exception {
			this.started.set(true);
			try (var statement = context.connection().createStatement()) {
				statement.execute("INSERT INTO gadgets (id) VALUES (1)");
			}
			Thread.sleep(1500);
			this.finished.set(true);
		}

	}

}
