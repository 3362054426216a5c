package io.migrator.core.internal.lock;

import javax.sql.DataSource;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.dialect.Dialect;

/**
 * Creates the lock of the configured strategy. {@code AUTO} is the advisory lock where the
 * database has advisory locks, because {@link AdvisoryLock} is held in an open transaction
 * that every pooler pins to one backend, so it is proven effective by construction, needs
 * no lock table and ends at once when its holder dies; elsewhere it is the table lease.
 */
public final class MigrationLocks {

	private MigrationLocks() {
	}

	/**
	 * Creates the lock for one run.
	 * @param configuration the configuration (strategy, timeout, lease, schema, tables)
	 * @param dataSource where the lock's own connections come from
	 * @param dialect the database's dialect
	 * @param historySchema the schema the history table was resolved to; the lock table
	 * goes there too
	 * @param qualifiedHistoryTable the history table the lock protects, schema-qualified, so
	 * the lock derives from the table's identity and not from how it was configured
	 * @return the lock
	 */
	public static MigrationLock create(MigratorConfiguration configuration, DataSource dataSource, Dialect dialect,
			String historySchema, String qualifiedHistoryTable) {
		switch (configuration.lock().strategy()) {
			case NONE:
				return new NoLock();
			case TABLE:
				return tableLease(configuration, dataSource, dialect, historySchema);
			case ADVISORY:
				if (!dialect.supportsAdvisoryLocks()) {
					throw new MigratorException(ErrorCode.LOCK_FAILED, dialect.name()
							+ " has no advisory locks: use lock strategy TABLE (or AUTO, which chooses it)");
				}
				return advisory(configuration, dataSource, dialect, qualifiedHistoryTable);
			default:
				return dialect.supportsAdvisoryLocks()
						? advisory(configuration, dataSource, dialect, qualifiedHistoryTable)
						: tableLease(configuration, dataSource, dialect, historySchema);
		}
	}

	private static MigrationLock advisory(MigratorConfiguration configuration, DataSource dataSource, Dialect dialect,
			String qualifiedHistoryTable) {
		return new AdvisoryLock(dataSource, dialect, qualifiedHistoryTable, configuration.lock().timeout(),
				configuration.lock().leaseDuration().dividedBy(3));
	}

	private static MigrationLock tableLease(MigratorConfiguration configuration, DataSource dataSource,
			Dialect dialect, String historySchema) {
		// Only a configured schema may need creating; the resolved current schema exists.
		boolean createSchema = configuration.history().createSchema() && configuration.history().schema() != null;
		return new TableLeaseLock(dataSource, dialect, historySchema, createSchema,
				configuration.history().lockTable(), configuration.lock().timeout(), configuration.lock().leaseDuration());
	}

}
