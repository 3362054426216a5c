package io.migrator.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.migrator.testsupport.TestDatabase;
import io.migrator.testsupport.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

class PackagedAppIT {

	private static final Duration STARTUP = Duration.ofSeconds(90);

	@TempDir
	Path workDirectory;

	@Test
	void servesItsEndpointsAfterApplyingEveryMigrationToARealDatabase() throws Exception {
		try (TestDatabase database = TestPostgres.get().createDatabase("sample_apply");
				PackagedApp app = PackagedApp.start(this.workDirectory, PackagedApp.datasource(database))) {
			app.awaitHttp(STARTUP);
			assertThat(app.get("/api/countries").body()).contains("\"code\":\"DE\"", "\"name\":\"Netherlands\"");
			PackagedApp.Response customer = app.post("/api/customers",
					"{\"name\":\"Grace Hopper\",\"email\":\"grace@example.com\",\"country\":\"US\"}");
			assertThat(customer.status()).isEqualTo(201);
			int id = JsonPath.read(customer.body(), "$.id");
			assertThat(app.post("/api/customers/" + id + "/orders", "{\"amount\": 40.25}").status()).isEqualTo(201);
			assertThat(app.post("/api/customers/" + id + "/orders", "{\"amount\": 1.75}").status()).isEqualTo(201);
			assertThat(app.get("/api/customers/" + id + "/total").body()).contains("\"orderTotal\":42.00");

			String migrations = app.get("/actuator/migrations").body();
			List<Integer> versions = JsonPath.read(migrations, "$.migrators.migrator.migrations[*].version");
			List<String> states = JsonPath.read(migrations, "$.migrators.migrator.migrations[*].state");
			List<String> types = JsonPath.read(migrations, "$.migrators.migrator.migrations[*].type");
			assertThat(versions).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
			assertThat(states).containsOnly("applied");
			assertThat(types).containsExactly("sql", "java", "sql", "sql", "sql", "sql", "sql", "sql");
			assertThat((Integer) JsonPath.read(migrations, "$.migrators.migrator.currentVersion")).isEqualTo(8);

			PackagedApp.Response health = app.get("/actuator/health");
			assertThat(health.status()).isEqualTo(200);
			assertThat((String) JsonPath.read(health.body(), "$.components.migrations.status")).isEqualTo("UP");

			assertThat(app.get("/actuator/metrics/migrator.migration").status()).isEqualTo(200);
			String version = app.get("/actuator/metrics/migrator.schema.version").body();
			assertThat((Double) JsonPath.read(version, "$.measurements[0].value")).isEqualTo(8.0);
			assertThat(app.output()).doesNotContain("Exception");
		}
	}

	@Test
	void startsOnAnEmbeddedPostgresWhenNothingIsConfigured() throws Exception {
		try (PackagedApp app = PackagedApp.start(this.workDirectory,
				"--sample.embedded.data-directory=" + this.workDirectory.resolve("pg"))) {
			app.awaitHttp(STARTUP);
			PackagedApp.Response health = app.get("/actuator/health");
			assertThat(health.status()).isEqualTo(200);
			assertThat((String) JsonPath.read(health.body(), "$.components.migrations.status")).isEqualTo("UP");
			assertThat(app.output()).contains("started an embedded PostgreSQL");
		}
	}

	@Test
	void jobModeAppliesAndExitsZeroWithoutStartingTheWebServer() throws Exception {
		try (TestDatabase database = TestPostgres.get().createDatabase("sample_job");
				PackagedApp app = PackagedApp.start(this.workDirectory, PackagedApp.with(PackagedApp.datasource(database),
						"--migrator.mode=job"))) {
			assertThat(app.awaitExit(STARTUP)).as(app.output()).isZero();
			assertThat(app.output()).contains("Applied 8 migration(s)").doesNotContain("Tomcat started");
			assertThat(app.isListening()).isFalse();
			try (var connection = database.connect(); var statement = connection.createStatement();
					var rows = statement.executeQuery("SELECT count(*) FROM migrator_history WHERE state = 'applied'")) {
				rows.next();
				assertThat(rows.getInt(1)).isEqualTo(8);
			}
		}
	}

	@Test
	void validateModeRefusesAnEmptyDatabaseBeforeBindingItsPort() throws Exception {
		try (TestDatabase database = TestPostgres.get().createDatabase("sample_validate");
				PackagedApp app = PackagedApp.start(this.workDirectory, PackagedApp.with(PackagedApp.datasource(database),
						"--migrator.mode=validate"))) {
			assertThat(app.awaitExit(STARTUP)).isNotZero();
			assertThat(app.output()).contains("APPLICATION FAILED TO START", "00001_create_customers.sql",
					"00008_customer_email_not_null.sql")
				.doesNotContain("Tomcat started");
			try (var connection = database.connect(); var statement = connection.createStatement();
					var rows = statement.executeQuery("SELECT count(*) FROM information_schema.tables "
							+ "WHERE table_schema = 'public'")) {
				rows.next();
				assertThat(rows.getInt(1)).as("validate mode runs no DDL").isZero();
			}
		}
	}

}
