package io.migrator.boot.autoconfigure;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.migrator.boot.autoconfigure.MigratorProperties.AdoptFrom;
import io.migrator.core.ErrorCode;
import io.migrator.core.LegacyTracker;
import io.migrator.core.MigrationState;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.MigratorException;
import io.migrator.core.RunResult;
import io.migrator.core.StatusReport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The startup migration of the apply and job modes, as the {@code migrator.*} properties
 * describe it: adopt another tool's history or baseline an existing schema when this
 * database has no history yet, then apply pending migrations up to the target.
 */
class PropertiesMigrationStrategy implements MigratorMigrationStrategy {

	private static final Log logger = LogFactory.getLog(PropertiesMigrationStrategy.class);

	private final Long target;

	private final boolean baselineOnMigrate;

	private final long baselineVersion;

	private final AdoptFrom adoptFrom;

	PropertiesMigrationStrategy(MigratorProperties properties) {
		this.target = properties.getTarget();
		this.baselineOnMigrate = properties.isBaselineOnMigrate();
		this.baselineVersion = properties.getBaselineVersion();
		this.adoptFrom = properties.getAdoptFrom();
	}

	@Override
	public void migrate(Migrator migrator) {
		if ((this.adoptFrom != null || this.baselineOnMigrate) && hasNoHistory(migrator.status())) {
			takeOverExistingSchema(migrator);
		}
		RunResult result = (this.target != null) ? migrator.upTo(this.target) : migrator.up();
		if (result.migrations().isEmpty()) {
			logger.info("Schema is up to date at version " + result.versionAfter());
		}
		else {
			logger.info("Applied " + result.migrations().size() + " migration(s), version " + result.versionBefore()
					+ " -> " + result.versionAfter() + " in " + result.duration().toMillis() + " ms");
		}
	}

	private void takeOverExistingSchema(Migrator migrator) {
		if (this.adoptFrom != null) {
			LegacyTracker tracker = this.adoptFrom.tracker();
			if (tableExists(migrator.configuration(), this.adoptFrom.table())) {
				RunResult adopted = migrator.adopt(tracker, false);
				logger.info("Adopted " + adopted.migrations().size() + " applied version(s) from "
						+ this.adoptFrom.table() + " (migrator.adopt-from=" + this.adoptFrom.id() + ")");
				return;
			}
			logger.info("migrator.adopt-from=" + this.adoptFrom.id() + ": " + this.adoptFrom.table()
					+ " does not exist, so there is nothing to adopt; migrating as a new database");
		}
		if (this.baselineOnMigrate && hasOtherTables(migrator.configuration())) {
			RunResult marked = migrator.baseline(this.baselineVersion);
			logger.info("The schema has tables but no migration history (migrator.baseline-on-migrate=true): marked "
					+ marked.migrations().size() + " version(s) up to " + this.baselineVersion + " as applied");
		}
	}

	// Every version pending means the history table is missing or has no rows.
	private static boolean hasNoHistory(StatusReport status) {
		return status.migrations().stream().allMatch((migration) -> migration.state() == MigrationState.PENDING);
	}

	private static boolean tableExists(MigratorConfiguration configuration, String table) {
		return !tables(configuration, table).isEmpty();
	}

	private static boolean hasOtherTables(MigratorConfiguration configuration) {
		Set<String> own = Set.of(configuration.history().table().toLowerCase(Locale.ROOT),
				configuration.history().lockTable().toLowerCase(Locale.ROOT));
		return tables(configuration, "%").stream().anyMatch((table) -> !own.contains(table));
	}

	private static Set<String> tables(MigratorConfiguration configuration, String pattern) {
		try (Connection connection = configuration.dataSource().getConnection()) {
			String schema = (configuration.history().schema() != null) ? configuration.history().schema() : connection.getSchema();
			DatabaseMetaData metaData = connection.getMetaData();
			Set<String> names = new HashSet<>();
			try (ResultSet tables = metaData.getTables(connection.getCatalog(), schema, pattern,
					new String[] { "TABLE" })) {
				while (tables.next()) {
					names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
				}
			}
			return names;
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.HISTORY_FAILED, "Cannot list the tables of the migration schema "
					+ "to decide whether to adopt or baseline it: " + ex.getMessage()
					+ ". Check the connection and the schema (migrator.schema).", ex);
		}
	}

}
