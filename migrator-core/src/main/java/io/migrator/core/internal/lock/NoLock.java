package io.migrator.core.internal.lock;

/**
 * No lock at all: for a single migrating process such as a Kubernetes Job.
 */
public final class NoLock implements MigrationLock {

	@Override
	public Held acquire() {
		return new Held() {

			@Override
			public void verify() {
			}

			@Override
			public void close() {
			}

		};
	}

}
