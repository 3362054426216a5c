package io.migrator.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import io.migrator.core.ErrorCode;
import io.migrator.core.LegacyTracker;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.dialect.Dialects;
import io.migrator.core.internal.dialect.SqlErrors;
import io.migrator.core.internal.history.HistorySnapshot;
import io.migrator.core.internal.history.HistoryStore;
import io.migrator.core.internal.lock.MigrationLock;
import io.migrator.core.internal.lock.MigrationLocks;
import io.migrator.core.internal.lock.MigrationSessions;
import io.migrator.core.internal.source.MigrationCatalog;

/**
 * One operation's connection to the database, with what every operation starts from: the
 * dialect, the history table located (which schema it is in is resolved once, and every
 * later statement names that schema) and read in one query, and the sources. Reads of the
 * history say what went wrong and what to check; the lock is taken on the table as
 * resolved, so every spelling of one table ({@code --schema public} or none) takes the same
 * lock.
 */
final class DatabaseSession implements AutoCloseable {

	private final MigratorConfiguration configuration;

	private final Connection connection;

	private final Dialect dialect;

	private final HistoryStore store;

	private final HistorySnapshot history;

	private final MigrationCatalog catalog;

	private DatabaseSession(MigratorConfiguration configuration, Connection connection, Dialect dialect,
			HistoryStore.Located located, MigrationCatalog catalog) {
		this.configuration = configuration;
		this.connection = connection;
		this.dialect = dialect;
		this.store = located.store();
		this.history = located.history();
		this.catalog = catalog;
	}

	/**
	 * Connects, picks the dialect, reads the history, then waits for the sources loading
	 * meanwhile.
	 * @param configuration the configuration
	 * @param sources the sources being loaded, or {@code null} when the operation needs none
	 * @return the session; the caller closes it
	 * @throws SQLException when the database cannot say what it is
	 */
	static DatabaseSession open(MigratorConfiguration configuration, CatalogCache.Loading sources)
			throws SQLException {
		Connection connection = connect(configuration);
		try {
			Dialect dialect = Dialects.of(connection);
			HistoryStore.Located located = locate(configuration, dialect, connection);
			MigrationCatalog catalog = (sources != null) ? sources.await() : null;
			return new DatabaseSession(configuration, connection, dialect, located, catalog);
		}
		catch (SQLException | RuntimeException ex) {
			closeAfter(connection, ex);
			throw ex;
		}
	}

	/**
	 * Reads the history on a connection of its own.
	 * @param configuration the configuration
	 * @return the history
	 */
	static HistorySnapshot readHistory(MigratorConfiguration configuration) {
		try (DatabaseSession session = open(configuration, null)) {
			return session.history();
		}
		catch (SQLException ex) {
			throw failure("read history", ex);
		}
	}

	/**
	 * Opens a connection ready for migrating: in autocommit mode, with the configured
	 * schema as search path when asked for.
	 * @param configuration the configuration
	 * @return the connection; the caller closes it
	 */
	static Connection connect(MigratorConfiguration configuration) {
		requireDataSource(configuration);
		Connection connection;
		try {
			connection = configuration.dataSource().getConnection();
		}
		catch (SQLException ex) {
			throw ConnectFailures.of(ex);
		}
		try {
			if (!connection.getAutoCommit()) {
				connection.setAutoCommit(true);
			}
			if (configuration.history().useSchemaAsSearchPath()) {
				connection.setSchema(configuration.history().schema());
			}
			return connection;
		}
		catch (SQLException ex) {
			closeAfter(connection, ex);
			throw new MigratorException(ErrorCode.CONNECTION_FAILED, "Cannot prepare the migration connection (autocommit"
					+ ((configuration.history().useSchemaAsSearchPath()) ? ", schema " + configuration.history().schema() : "") + "): "
					+ SqlErrors.describe(ex) + ". Check that the schema exists and the user may use it.", ex);
		}
	}

	/**
	 * Says that an operation failed on the database.
	 * @param operation the operation
	 * @param ex what the driver reported
	 * @return the exception to throw
	 */
	static MigratorException failure(String operation, SQLException ex) {
		return new MigratorException(ErrorCode.HISTORY_FAILED, operation + " failed on the database: "
				+ SqlErrors.describe(ex) + ". Check the connection and that the migration user may create and "
				+ "write the history table; 'status' shows what is applied.", ex);
	}

	Connection connection() {
		return this.connection;
	}

	Dialect dialect() {
		return this.dialect;
	}

	HistoryStore store() {
		return this.store;
	}

	/**
	 * Returns the history as read when the session was opened, without the lock.
	 * @return the history
	 */
	HistorySnapshot history() {
		return this.history;
	}

	/**
	 * Returns the sources, as loaded while the history was read.
	 * @return the catalog, {@code null} when the session was opened without sources
	 */
	MigrationCatalog catalog() {
		return this.catalog;
	}

	/**
	 * Reads the history again.
	 * @return the history now
	 */
	HistorySnapshot readHistory() {
		try {
			return this.store.read(this.connection);
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.HISTORY_FAILED, "Cannot read the history table "
					+ this.store.qualifiedTable() + ": " + SqlErrors.describe(ex)
					+ ". Check that the migration user may read it.", ex);
		}
	}

	/**
	 * Reads the history under the migration lock, once every transaction still writing it
	 * has ended.
	 * @return the history now
	 */
	HistorySnapshot readHistoryUnderLock() {
		try {
			return this.store.readAfterWriters(this.connection, this.configuration.lock().timeout());
		}
		catch (SQLException ex) {
			if (this.dialect.isLockWaitTimeout(ex)) {
				throw new MigratorException(ErrorCode.LOCK_FAILED, "Waited " + this.configuration.lock().timeout()
						+ " for a migration transaction that still holds the history table "
						+ this.store.qualifiedTable() + ", though its process no longer holds the migration lock (it "
						+ "crashed or was killed after sending it). The database ends it once it notices the lost "
						+ "client; or find it in pg_stat_activity and end it with pg_terminate_backend(pid), then run "
						+ "again.", ex);
			}
			throw new MigratorException(ErrorCode.HISTORY_FAILED, "Cannot read the history table "
					+ this.store.qualifiedTable() + " under the migration lock: " + SqlErrors.describe(ex)
					+ ". Check that the migration user may read and lock it.", ex);
		}
	}

	/**
	 * Returns the migration lock of the history table as resolved for this operation.
	 * @return the lock, not taken yet
	 */
	MigrationLock lock() {
		return MigrationLocks.create(this.configuration, this.configuration.dataSource(), this.dialect,
				this.store.schema(), this.store.qualifiedTable());
	}

	/**
	 * Returns what tells this run's migration sessions from those of other processes.
	 * @return the sessions of this history table
	 */
	MigrationSessions migrationSessions() {
		return new MigrationSessions(this.dialect, this.store.qualifiedTable());
	}

	/**
	 * Creates the history table when it does not exist; its schema too, but only one named
	 * in the configuration, since CREATE SCHEMA needs a privilege on the database even when
	 * the schema exists, and the current schema always does.
	 * @throws SQLException on a database error
	 */
	void createHistoryTable() throws SQLException {
		this.store.create(this.connection, this.configuration.history().createSchema() && this.configuration.history().schema() != null);
	}

	/**
	 * Returns the tool (goose, Flyway) whose history table is in the history schema.
	 * @return the tool, or {@code null}
	 * @throws SQLException on a database error
	 */
	LegacyTracker managingTool() throws SQLException {
		return new LegacyImporter(this.dialect, this.configuration.history().schema()).managingTool(this.connection);
	}

	/**
	 * Refuses to start applying from version 1 on a database that goose or Flyway manages:
	 * their migrations ran already, and running them again fails at best and duplicates data
	 * at worst. Only asked when migrator's history table is missing, so a database migrator
	 * manages pays nothing for it.
	 * @param operation the operation, for the message
	 * @throws SQLException on a database error
	 */
	void requireNotManagedByAnotherTool(String operation) throws SQLException {
		LegacyTracker tool = managingTool();
		if (tool != null) {
			String cli = tool.name().toLowerCase(Locale.ROOT).replace('_', '-');
			throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot " + operation + ": this database is "
					+ "managed by " + cli + " (its history table exists) and migrator's history table "
					+ this.configuration.history().qualifiedName() + " does not exist yet, so every migration would run again "
					+ "from the first. Import what " + cli + " applied first: 'migrator adopt --from " + cli
					+ "' (Migrator.adopt(LegacyTracker." + tool.name() + ", false) in code), then run " + operation
					+ " again.");
		}
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

	private static HistoryStore.Located locate(MigratorConfiguration configuration, Dialect dialect,
			Connection connection) {
		HistoryStore store = new HistoryStore(dialect, configuration.history().schema(), configuration.history().table());
		try {
			return store.locate(connection);
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.HISTORY_FAILED, "Cannot read the history table "
					+ configuration.history().qualifiedName() + ": " + SqlErrors.describe(ex)
					+ ". Check that the migration user may read it.", ex);
		}
	}

	private static void requireDataSource(MigratorConfiguration configuration) {
		if (configuration.dataSource() == null) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "No DataSource configured: without one "
					+ "only validate() works, and it checks the files alone. Call dataSource(...) on the builder "
					+ "(CLI: pass --url) to run this operation.");
		}
	}

	private static void closeAfter(Connection connection, Exception failure) {
		try {
			connection.close();
		}
		catch (SQLException closing) {
			failure.addSuppressed(closing);
		}
	}

}
