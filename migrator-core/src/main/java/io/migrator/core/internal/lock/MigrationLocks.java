package io.migrator.core.internal.lock;

import javax.sql.DataSource;

import io.migrator.core.ErrorCode;
import io.migrator.core.LockStrategy;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.dialect.Dialect;

/**
 * Creates the lock of the configured strategy.
 */
public final class MigrationLocks {

	private MigrationLocks() {
	}

	/**
	 * Creates the lock for one run.
	 * @param configuration the configuration (strategy, timeout)
	 * @param dataSource where the lock's own connection comes from
	 * @param dialect the database's dialect
	 * @param qualifiedHistoryTable the history table the lock protects
	 * @return the lock
	 */
	public static MigrationLock create(MigratorConfiguration configuration, DataSource dataSource, Dialect dialect,
			String qualifiedHistoryTable) {
		LockStrategy strategy = configuration.lockStrategy();
		if (strategy == LockStrategy.NONE) {
			return new NoLock();
		}
		if (!dialect.supportsAdvisoryLocks()) {
			throw new MigratorException(ErrorCode.LOCK_FAILED, dialect.name()
					+ " has no session advisory locks: use lock strategy NONE for a single migrating process");
		}
		return new AdvisoryLock(dataSource, dialect, qualifiedHistoryTable, configuration.lockTimeout());
	}

}
