package io.migrator.core;

/**
 * How concurrent migrating processes are kept apart.
 */
public enum LockStrategy {

	/**
	 * The advisory lock where the database has advisory locks (PostgreSQL): it is held in an
	 * open transaction, which every pooler pins to one server backend, so it is effective by
	 * construction. Otherwise the table lease.
	 */
	AUTO,

	/**
	 * A PostgreSQL transaction-scoped advisory lock, held in a transaction kept open on a
	 * dedicated connection for the whole run. Safe through transaction-mode poolers such as
	 * pgbouncer (an open transaction is pinned to one backend, and the lock ends with it, so
	 * it never leaks) and does not block {@code CREATE INDEX CONCURRENTLY}. Fails, rather than
	 * being trusted, behind a statement-mode pooler. Needs two server connections per run.
	 */
	ADVISORY,

	/**
	 * A lease row in a lock table with owner, expiry and heartbeat. Works through any
	 * pooler, statement mode included, and holds no connection between statements; an
	 * expired lease of a crashed process is taken over once its lease duration has passed.
	 */
	TABLE,

	/**
	 * No lock: for a single migrating process such as a Kubernetes Job.
	 */
	NONE

}
