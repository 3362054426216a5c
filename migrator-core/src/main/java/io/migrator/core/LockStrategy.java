package io.migrator.core;

/**
 * How concurrent migrating processes are kept apart.
 */
public enum LockStrategy {

	/**
	 * The session advisory lock where it is proven effective, otherwise the table lease.
	 */
	AUTO,

	/**
	 * A PostgreSQL session advisory lock held on a dedicated connection for the whole run.
	 * Not safe through a transaction-mode pooler.
	 */
	ADVISORY,

	/**
	 * A lease row in a lock table with owner, expiry and heartbeat. Works through any
	 * pooler; an expired lease of a crashed process is taken over.
	 */
	TABLE,

	/**
	 * No lock: for a single migrating process such as a Kubernetes Job.
	 */
	NONE

}
