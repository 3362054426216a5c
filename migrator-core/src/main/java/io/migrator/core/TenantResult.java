package io.migrator.core;

/**
 * What one tenant's run did.
 *
 * @param tenant the tenant (its schema)
 * @param outcome whether it ran, and how it ended
 * @param result the run's result, or {@code null} when it failed or did not run
 * @param failure why it failed, or {@code null}
 */
public record TenantResult(String tenant, TenantOutcome outcome, RunResult result, MigratorException failure) {

	/**
	 * How a tenant's run ended.
	 */
	public enum TenantOutcome {

		/** The operation succeeded. */
		SUCCEEDED,

		/** The operation failed; see the failure. */
		FAILED,

		/** Not run, because another tenant failed and the run stops at the first failure. */
		NOT_RUN

	}

}
