package io.migrator.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.migrator.core.TenantResult.TenantOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class TenantMigrationsTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@BeforeEach
	void writeFirstMigrations() {
		this.fixture.write("00001_create_accounts.sql", "-- +goose Up\nCREATE TABLE accounts (id int);\n");
		this.fixture.write("00002_seed.sql", "-- +goose Up\nINSERT INTO accounts VALUES (1);\n");
	}

	@Test
	void migratesEverySchemaWithItsOwnHistory() {
		List<TenantResult> results = TenantMigrations.of(List.of("tenant_a", "tenant_b", "tenant_c"), this::tenant)
			.parallelism(2)
			.up();
		assertThat(results).extracting(TenantResult::tenant, TenantResult::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("tenant_a", TenantOutcome.SUCCEEDED),
					org.assertj.core.groups.Tuple.tuple("tenant_b", TenantOutcome.SUCCEEDED),
					org.assertj.core.groups.Tuple.tuple("tenant_c", TenantOutcome.SUCCEEDED));
		for (String tenant : List.of("tenant_a", "tenant_b", "tenant_c")) {
			assertThat(this.fixture.query("SELECT count(*) FROM " + tenant + ".accounts")).containsExactly("1");
			assertThat(this.fixture.query("SELECT count(*) FROM " + tenant + ".migrator_history")).containsExactly("2");
		}
		assertThat(this.fixture.query("SELECT table_schema FROM information_schema.tables "
				+ "WHERE table_name = 'migrator_history' ORDER BY 1")).containsExactly("tenant_a", "tenant_b", "tenant_c");
	}

	@Test
	void goesOnWithOtherTenantsWhenAskedAndReportsTheFailure() {
		this.fixture.execute("CREATE SCHEMA tenant_b");
		this.fixture.execute("CREATE TABLE tenant_b.accounts (id int)");
		List<TenantResult> results = TenantMigrations.of(List.of("tenant_a", "tenant_b", "tenant_c"), this::tenant)
			.parallelism(1)
			.continueOnError(true)
			.up();
		assertThat(results).extracting(TenantResult::outcome)
			.containsExactly(TenantOutcome.SUCCEEDED, TenantOutcome.FAILED, TenantOutcome.SUCCEEDED);
		assertThat(results.get(1).failure().getMessage()).contains("Migration 1 (create accounts)", "already exists");
	}

	@Test
	void stopsAtTheFirstFailureByDefault() {
		this.fixture.execute("CREATE SCHEMA tenant_a");
		this.fixture.execute("CREATE TABLE tenant_a.accounts (id int)");
		List<TenantResult> results = TenantMigrations.of(List.of("tenant_a", "tenant_b"), this::tenant)
			.parallelism(1)
			.up();
		assertThat(results).extracting(TenantResult::outcome)
			.containsExactly(TenantOutcome.FAILED, TenantOutcome.NOT_RUN);
	}

	@Test
	void tenantsShareOneScanOfTheSources() throws java.io.IOException {
		Path classes = this.fixture.directory().resolve("classes");
		Path location = java.nio.file.Files.createDirectories(classes.resolve("db/migrations"));
		java.nio.file.Files.writeString(location.resolve("00001_create_accounts.sql"),
				"-- +goose Up\nCREATE TABLE accounts (id int);\n");
		MigrationAuthoring.forDirectory(location).writeIndex(StandardCharsets.UTF_8);
		CountingResourceLoader loader = new CountingResourceLoader(classes);
		List<String> tenants = List.of("tenant_a", "tenant_b", "tenant_c", "tenant_d", "tenant_e");

		List<TenantResult> results = TenantMigrations.of(tenants, (schema) -> this.fixture.builder()
			.locations("classpath:db/migrations")
			.classLoader(loader)
			.schema(schema)
			.useSchemaAsSearchPath(true)
			.build()).parallelism(3).up();

		assertThat(results).extracting(TenantResult::outcome).containsOnly(TenantOutcome.SUCCEEDED);
		assertThat(loader.takeOpened()).filteredOn((name) -> name.endsWith("migrator.index")).hasSize(1);
		TenantMigrations.of(tenants, (schema) -> this.fixture.builder()
			.locations("classpath:db/migrations")
			.classLoader(loader)
			.schema(schema)
			.build()).up();
		assertThat(loader.takeOpened()).as("a no-op of every tenant reads the index once, and no migration")
			.containsExactly("db/migrations/migrator.index");
	}

	private Migrator tenant(String schema) {
		return this.fixture.builder().schema(schema).useSchemaAsSearchPath(true).build();
	}

}
