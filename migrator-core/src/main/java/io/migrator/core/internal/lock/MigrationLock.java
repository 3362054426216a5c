package io.migrator.core.internal.lock;

/**
 * Keeps concurrent migrating processes apart for the length of a run. Implementations:
 * {@link NoLock}, {@link AdvisoryLock}, {@link TableLeaseLock}.
 */
public interface MigrationLock {

	/**
	 * Waits for the lock, up to the configured timeout.
	 * @return the held lock; closing it releases the lock
	 * @throws io.migrator.core.MigratorException with
	 * {@link io.migrator.core.ErrorCode#LOCK_FAILED} when the lock was not obtained in
	 * time or cannot be trusted; the message names the holder when known
	 */
	Held acquire();

	/**
	 * A lock that is held until closed.
	 */
	interface Held extends AutoCloseable {

		/**
		 * Checks that the lock is still held, as far as its heartbeat knows; called before
		 * each migration so a run that lost its lock stops instead of racing another.
		 * @throws io.migrator.core.MigratorException with
		 * {@link io.migrator.core.ErrorCode#LOCK_FAILED} when the lock was lost
		 */
		void verify();

		/**
		 * Releases the lock. Never throws: a release that fails is logged, and the lock
		 * ends with the session or lease anyway.
		 */
		@Override
		void close();

	}

}
