package io.migrator.boot.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.migrator.core.Migrator;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * One running application whose database moves from pending to applied to modified; each
 * step checks the endpoint, the health contributor and the meters against it.
 */
@FreshDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActuatorTests {

	private final TestDatabase database;

	private final List<String> observations = new java.util.concurrent.CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	ActuatorTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeAll
	void startWithoutRunningMigrations() {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.addInitializers((context) -> context.getBeanFactory()
			.registerSingleton("recordingObservationHandler", new ObservationHandler<>() {
				@Override
				public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
					return true;
				}

				@Override
				public void onStop(io.micrometer.observation.Observation.Context context) {
					ActuatorTests.this.observations.add(context.getName());
				}
			}));
		this.context = application.run("--spring.datasource.url=" + this.database.jdbcUrl(),
				"--spring.datasource.username=" + this.database.user(),
				"--spring.datasource.password=" + this.database.password(),
				"--migrator.locations=classpath:db/boot-tests/apply", "--migrator.mode=none", "--server.port=0",
				"--management.endpoints.web.exposure.include=health,migrations",
				"--management.endpoint.health.show-details=always");
	}

	@AfterAll
	void stop() {
		this.context.close();
	}

	@Test
	@Order(1)
	void pendingMigrationsAreOutOfService() throws Exception {
		HttpResponse<String> health = get("/actuator/health/migrations");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("OUT_OF_SERVICE");
		assertThat((List<Integer>) JsonPath.read(health.body(), "$.details.pending")).containsExactly(1, 2);
		String endpoint = get("/actuator/migrations").body();
		assertThat((Integer) JsonPath.read(endpoint, "$.migrators.migrator.currentVersion")).isZero();
		assertThat((Integer) JsonPath.read(endpoint, "$.migrators.migrator.pendingCount")).isEqualTo(2);
		assertThat((List<String>) JsonPath.read(endpoint, "$.migrators.migrator.migrations[*].state"))
			.containsExactly("pending", "pending");
		assertThat(gauge("migrator.migrations.pending")).isEqualTo(2.0);
		assertThat(gauge("migrator.schema.version")).isEqualTo(0.0);
	}

	@Test
	@Order(2)
	void appliedMigrationsAreUpWithTimersAndObservations() throws Exception {
		this.context.getBean(Migrator.class).up();
		HttpResponse<String> health = get("/actuator/health/migrations");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("UP");
		assertThat((Integer) JsonPath.read(health.body(), "$.details.currentVersion")).isEqualTo(2);
		String endpoint = get("/actuator/migrations").body();
		assertThat((Integer) JsonPath.read(endpoint, "$.migrators.migrator.currentVersion")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(endpoint, "$.migrators.migrator.pendingCount")).isZero();
		assertThat((String) JsonPath.read(endpoint, "$.migrators.migrator.migrations[0].state")).isEqualTo("applied");
		assertThat((String) JsonPath.read(endpoint, "$.migrators.migrator.migrations[0].type")).isEqualTo("sql");
		assertThat((String) JsonPath.read(endpoint, "$.migrators.migrator.migrations[0].description"))
			.isEqualTo("create accounts");
		assertThat((Object) JsonPath.read(endpoint, "$.migrators.migrator.migrations[0].appliedAt")).isNotNull();
		assertThat((Object) JsonPath.read(endpoint, "$.migrators.migrator.migrations[0].executionTime")).isNotNull();
		assertThat((String) JsonPath.read(endpoint, "$.migrators.migrator.migrations[0].checksum")).hasSize(64);
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		// One timer series for both migrations: the observation is the timer, without a version tag.
		assertThat(registry.find("migrator.migration").timers()).singleElement().satisfies((timer) -> {
			assertThat(timer.getId().getTag("direction")).isEqualTo("up");
			assertThat(timer.getId().getTag("outcome")).isEqualTo("succeeded");
			assertThat(timer.getId().getTag("type")).isEqualTo("sql");
			assertThat(timer.getId().getTag("version")).isNull();
			assertThat(timer.count()).isEqualTo(2);
		});
		assertThat(gauge("migrator.migrations.pending")).isEqualTo(0.0);
		assertThat(gauge("migrator.schema.version")).isEqualTo(2.0);
		assertThat(this.observations).contains("migrator.migration", "migrator.run");
		Map<String, Object> counts = JsonPath.read(health.body(), "$.details.counts");
		assertThat(counts).containsExactly(entry("applied", 2), entry("pending", 0), entry("incomplete", 0),
				entry("modified", 0), entry("missing", 0));
	}

	@Test
	@Order(3)
	void modifiedMigrationIsDown() throws Exception {
		try (var connection = this.database.connect(); var statement = connection.createStatement()) {
			statement.execute("UPDATE migrator_history SET checksum = 'tampered' WHERE version = 2");
		}
		HttpResponse<String> health = get("/actuator/health/migrations");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("DOWN");
		assertThat((List<Integer>) JsonPath.read(health.body(), "$.details.modified")).containsExactly(2);
		String endpoint = get("/actuator/migrations").body();
		assertThat((String) JsonPath.read(endpoint, "$.migrators.migrator.migrations[1].state")).isEqualTo("modified");
	}

	private double gauge(String name) {
		return this.context.getBean(MeterRegistry.class).get(name).tag("name", "migrator").gauge().value();
	}

	private HttpResponse<String> get(String path) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}


}
