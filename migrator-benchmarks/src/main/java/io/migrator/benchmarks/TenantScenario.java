package io.migrator.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import io.migrator.core.Migrator;
import io.migrator.core.TenantMigrations;
import io.migrator.core.TenantResult;
import io.migrator.core.TenantResult.TenantOutcome;

/**
 * Scenario 6: schema-per-tenant, every tenant up to date: migrator's
 * {@code TenantMigrations} next to a loop of Flyway instances (one per schema, as Flyway
 * users write it), sequential and with the same parallelism. Both tools get the same
 * non-pooling DataSource (each tenant opens its own connections, as in scenario 1),
 * direct to the server, and then the same HikariCP pool (what an application serving its
 * tenants holds: opening a connection costs a server process, and was most of a
 * tenant's no-op); wall time of the whole run over all tenants.
 */
final class TenantScenario {

	private final Server server;

	private final Report report;

	private final List<HikariDataSource> pools = new ArrayList<>();

	TenantScenario(Server server, Report report) {
		this.server = server;
		this.report = report;
	}

	void run(int tenantCount, int n, int repetitions, int parallelism) {
		List<String> tenants = IntStream.rangeClosed(1, tenantCount).mapToObj((i) -> String.format("tenant_%03d", i))
			.toList();
		Path files = MigrationFiles.tempDirectory("bench-tenants");
		String migratorDatabase = this.server.createDatabase("tenants_migrator");
		String flywayDatabase = this.server.createDatabase("tenants_flyway");
		try {
			Path goose = MigrationFiles.goose(files, n);
			Path flyway = MigrationFiles.flyway(files, n);
			DataSource migratorSource = this.server.direct(migratorDatabase);
			DataSource flywaySource = this.server.direct(flywayDatabase);
			long started = System.nanoTime();
			requireSucceeded(migrator(tenants, migratorSource, goose, parallelism));
			this.report.progress("tenants: migrator applied %d x %d in %.1f s", tenantCount, n,
					(System.nanoTime() - started) / 1e9);
			started = System.nanoTime();
			flyway(tenants, flywaySource, flyway, parallelism);
			this.report.progress("tenants: Flyway applied %d x %d in %.1f s", tenantCount, n,
					(System.nanoTime() - started) / 1e9);

			// Twice the parallelism: a Flyway instance holds two connections at once (waiting for its
			// second with four threads on four connections deadlocks until the pool times out).
			int poolSize = 2 * parallelism;
			HikariDataSource migratorPool = pool(migratorSource, poolSize);
			HikariDataSource flywayPool = pool(flywaySource, poolSize);
			List<Variant> variants = List.of(
					new Variant("migrator `TenantMigrations`, parallelism 1",
							() -> requireSucceeded(migrator(tenants, migratorSource, goose, 1))),
					new Variant("Flyway " + Versions.flyway() + ", one instance per tenant, sequential loop",
							() -> flyway(tenants, flywaySource, flyway, 1)),
					new Variant("migrator `TenantMigrations`, parallelism " + parallelism,
							() -> requireSucceeded(migrator(tenants, migratorSource, goose, parallelism))),
					new Variant("Flyway " + Versions.flyway() + ", one instance per tenant, " + parallelism + " threads",
							() -> flyway(tenants, flywaySource, flyway, parallelism)),
					new Variant("migrator `TenantMigrations`, parallelism " + parallelism + ", HikariCP pool of "
							+ poolSize, () -> requireSucceeded(migrator(tenants, migratorPool, goose, parallelism))),
					new Variant("Flyway " + Versions.flyway() + ", one instance per tenant, " + parallelism
							+ " threads, HikariCP pool of " + poolSize,
							() -> flyway(tenants, flywayPool, flyway, parallelism)));
			variants.forEach((variant) -> variant.action().run());
			List<List<Double>> times = new ArrayList<>();
			variants.forEach((variant) -> times.add(new ArrayList<>()));
			for (int rep = 0; rep < repetitions; rep++) {
				for (int i = 0; i < variants.size(); i++) {
					long runStarted = System.nanoTime();
					variants.get(i).action().run();
					times.get(i).add((System.nanoTime() - runStarted) / 1e6);
				}
			}
			Table table = new Table("tenants × migrations", "what", "wall ms for all tenants, median (min–max)",
					"ms per tenant", "runs");
			for (int i = 0; i < variants.size(); i++) {
				List<Double> sorted = times.get(i).stream().sorted().toList();
				double median = sorted.get(sorted.size() / 2);
				table.row(tenantCount + " × " + n, variants.get(i).label(),
						Table.ms(median) + " (" + Table.ms(sorted.get(0)) + "–" + Table.ms(sorted.get(sorted.size() - 1))
								+ ")",
						Table.ms(median / tenantCount), sorted.size());
			}
			this.report.section("6. " + tenantCount + " tenants (one schema each), everything applied", table.toString());
		}
		finally {
			closePools();
			this.server.dropDatabase(migratorDatabase);
			this.server.dropDatabase(flywayDatabase);
			MigrationFiles.deleteRecursively(files);
		}
	}

	private static List<TenantResult> migrator(List<String> tenants, DataSource dataSource, Path directory,
			int parallelism) {
		String location = "filesystem:" + directory.toAbsolutePath();
		return TenantMigrations.of(tenants, (schema) -> Migrator.builder()
			.dataSource(dataSource)
			.locations(location)
			.schema(schema)
			.useSchemaAsSearchPath(true)
			.build()).parallelism(parallelism).up();
	}

	/** Connections are opened by the untimed warm-up run, as a running application has them. */
	private HikariDataSource pool(DataSource dataSource, int size) {
		HikariConfig config = new HikariConfig();
		config.setDataSource(dataSource);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(size);
		HikariDataSource pool = new HikariDataSource(config);
		this.pools.add(pool);
		return pool;
	}

	private void closePools() {
		this.pools.forEach(HikariDataSource::close);
		this.pools.clear();
	}

	private static void requireSucceeded(List<TenantResult> results) {
		for (TenantResult result : results) {
			if (result.outcome() != TenantOutcome.SUCCEEDED) {
				throw new IllegalStateException("Tenant " + result.tenant() + ": " + result.outcome(), result.failure());
			}
		}
	}

	private static void flyway(List<String> tenants, DataSource dataSource, Path directory, int parallelism) {
		String location = "filesystem:" + directory.toAbsolutePath();
		ExecutorService pool = Executors.newFixedThreadPool(parallelism);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (String tenant : tenants) {
				futures.add(pool.submit(() -> Flyway.configure()
					.dataSource(dataSource)
					.schemas(tenant)
					.locations(location)
					.load()
					.migrate()));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A Flyway tenant failed", ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private record Variant(String label, Runnable action) {
	}

}
