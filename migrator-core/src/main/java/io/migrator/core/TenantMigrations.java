package io.migrator.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.migrator.core.TenantResult.TenantOutcome;
import io.migrator.core.spi.MigratorFactory.CatalogSharing;

/**
 * Runs one migration set against many tenants, typically one schema per tenant, each with
 * its own history table and lock: bounded parallelism, one result per tenant, and either
 * stop at the first failure (default) or go on with the other tenants.
 * <p>
 * For schema-per-tenant, build each tenant's migrator with
 * {@link MigratorBuilder#schema(String)} and {@link MigratorBuilder#useSchemaAsSearchPath(boolean)},
 * so that the tenant's history table and the unqualified names in its migrations both
 * land in the tenant's schema.
 * <p>
 * The tenants' migrators share one scanned, hashed set of sources per run (when they are
 * built with the same locations, recursion, class loader and Java migration instances):
 * a tenant with nothing pending costs its one history query, not a scan of every file.
 */
public final class TenantMigrations {

	private final List<String> tenants;

	private final Function<String, Migrator> migratorForTenant;

	private int parallelism = 4;

	private boolean continueOnError;

	private TenantMigrations(List<String> tenants, Function<String, Migrator> migratorForTenant) {
		this.tenants = List.copyOf(tenants);
		this.migratorForTenant = migratorForTenant;
	}

	/**
	 * Starts configuring a multi-tenant run.
	 * @param tenants the tenants, run in this order (as far as parallelism allows)
	 * @param migratorForTenant builds the migrator of one tenant
	 * @return the runner, with parallelism 4 and stop-at-first-failure
	 */
	public static TenantMigrations of(List<String> tenants, Function<String, Migrator> migratorForTenant) {
		Objects.requireNonNull(tenants, "'tenants' must not be null");
		Objects.requireNonNull(migratorForTenant, "'migratorForTenant' must not be null");
		return new TenantMigrations(tenants, migratorForTenant);
	}

	/**
	 * Sets how many tenants migrate at once. Default: 4.
	 * @param parallelism at least 1
	 * @return this runner
	 */
	public TenantMigrations parallelism(int parallelism) {
		if (parallelism < 1) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION,
					"'parallelism' cannot be less than 1, was " + parallelism);
		}
		this.parallelism = parallelism;
		return this;
	}

	/**
	 * Sets whether the other tenants go on after one fails. Default: {@code false}: tenants
	 * not started yet are not run.
	 * @param continueOnError whether to go on after a failure
	 * @return this runner
	 */
	public TenantMigrations continueOnError(boolean continueOnError) {
		this.continueOnError = continueOnError;
		return this;
	}

	/**
	 * Applies every pending migration of every tenant.
	 * @return one result per tenant, in the order of the tenants
	 */
	public List<TenantResult> up() {
		return run(Migrator::up);
	}

	/**
	 * Runs an operation for every tenant.
	 * @param operation e.g. {@code Migrator::up} or {@code migrator -> migrator.upTo(42)}
	 * @return one result per tenant, in the order of the tenants
	 */
	public List<TenantResult> run(Function<Migrator, RunResult> operation) {
		AtomicBoolean failed = new AtomicBoolean();
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(this.parallelism, Math.max(1, this.tenants.size())));
		try (CatalogSharing sharing = MigratorBuilder.factory().shareCatalogs()) {
			List<Future<TenantResult>> futures = new ArrayList<>();
			for (String tenant : this.tenants) {
				futures.add(pool.submit(() -> runOne(tenant, operation, failed)));
			}
			List<TenantResult> results = new ArrayList<>();
			for (Future<TenantResult> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigratorException(ErrorCode.MIGRATION_FAILED, "Interrupted while migrating tenants", ex);
		}
		catch (ExecutionException ex) {
			// runOne turns every exception into a tenant's result: only an Error (out of memory) gets
			// here, and it stays what it is.
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new MigratorException(ErrorCode.MIGRATION_FAILED, "A tenant's run failed unexpectedly: "
					+ ex.getCause(), ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private TenantResult runOne(String tenant, Function<Migrator, RunResult> operation, AtomicBoolean failed) {
		if (failed.get() && !this.continueOnError) {
			return new TenantResult(tenant, TenantOutcome.NOT_RUN, null, null);
		}
		try {
			RunResult result = operation.apply(this.migratorForTenant.apply(tenant));
			return new TenantResult(tenant, TenantOutcome.SUCCEEDED, result, null);
		}
		catch (MigratorException ex) {
			failed.set(true);
			return new TenantResult(tenant, TenantOutcome.FAILED, null, ex);
		}
		catch (RuntimeException ex) {
			// One tenant's unexpected error (unreadable file, bug) must not hide the others' results.
			failed.set(true);
			return new TenantResult(tenant, TenantOutcome.FAILED, null, new MigratorException(
					ErrorCode.MIGRATION_FAILED, "Tenant " + tenant + " failed unexpectedly: " + ex, ex));
		}
	}

}
