package io.migrator.core.internal.drift;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.DriftReport;
import io.migrator.core.ErrorCode;
import io.migrator.core.MigrationFailedException;
import io.migrator.core.MigrationResult;
import io.migrator.core.MigrationType;
import io.migrator.core.Migrator;
import io.migrator.core.HistorySettings;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.MigratorException;
import io.migrator.core.RunResult;
import io.migrator.core.internal.DefaultMigratorFactory;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.dialect.Dialects;
import io.migrator.core.internal.dialect.SqlErrors;
import io.migrator.core.internal.history.AppliedMigration;
import io.migrator.core.internal.history.AppliedState;
import io.migrator.core.internal.history.HistorySnapshot;
import io.migrator.core.internal.history.HistoryStore;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;
import io.migrator.core.internal.source.SqlMigrationSource;
import io.migrator.core.snapshot.ObjectKind;
import io.migrator.core.snapshot.SchemaDiff;
import io.migrator.core.snapshot.SchemaSnapshot;
import io.migrator.core.snapshot.SnapshotOptions;

/**
 * Compares the live schema with the schema its applied migrations build.
 * <p>
 * The applied versions are replayed by a second migrator whose configuration differs
 * from the live one only where it must: its schema (a new scratch schema, the only entry
 * of its {@code search_path}, holding its own history table) and its listeners (none, so
 * metrics and callbacks never see the replay). It therefore parses, substitutes and runs
 * every migration exactly as {@code up} does. Versions of this build that the live history
 * has not applied are marked in the scratch history first, so the replay skips them as
 * the live database did. The scratch schema is created here, under a random name that
 * cannot be an existing schema, and dropped here whatever happens.
 */
public final class DriftCheck {

	private static final Logger logger = LoggerFactory.getLogger(DriftCheck.class);

	private static final String SCRATCH_INFIX = "_migrator_drift_";

	/** PostgreSQL truncates identifiers longer than 63 bytes. */
	private static final int MAX_IDENTIFIER_LENGTH = 63;

	private static final SecureRandom random = new SecureRandom();

	private final MigratorConfiguration configuration;

	private final DataSource scratchDatabase;

	/**
	 * Prepares a check.
	 * @param configuration the live migrator's configuration
	 * @param scratchDatabase where to build the scratch schema, or {@code null} for the
	 * migrated database
	 */
	public DriftCheck(MigratorConfiguration configuration, DataSource scratchDatabase) {
		this.configuration = configuration;
		this.scratchDatabase = scratchDatabase;
	}

	/**
	 * Runs the check.
	 * @return what differs
	 */
	public DriftReport run() {
		long started = System.nanoTime();
		if (this.configuration.dataSource() == null) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "No DataSource configured: drift compares "
					+ "a live schema and needs one. Call dataSource(...) on the builder (CLI: pass --url).");
		}
		MigrationCatalog catalog = MigrationCatalog.load(this.configuration).hashAll();
		boolean sameDatabase = this.scratchDatabase == null;
		// The scratch schema is created here, not by the migrations: its own comment, owner and
		// grants say nothing about them.
		SnapshotOptions options = SnapshotOptions.defaults()
			.excludingTables(this.configuration.history().table(), this.configuration.history().lockTable())
			.excludingKinds(ObjectKind.SCHEMA);
		List<String> notes = new ArrayList<>();
		if (sameDatabase) {
			options = options.excludingKinds(ObjectKind.EXTENSION);
			notes.add("Extensions were not compared: the scratch schema is in the migrated database, which holds "
					+ "each extension once. Use a scratch database to compare them.");
		}
		try (Connection live = connectLive()) {
			String liveSchema = currentSchema(live);
			HistorySnapshot history = new HistoryStore(Dialects.of(live), this.configuration.history().schema(),
					this.configuration.history().table())
				.locate(live)
				.history();
			Replay replay = plan(catalog, history, notes, sameDatabase ? liveSchema : null);
			String scratchSchema = scratchName(liveSchema);
			String location = "schema " + scratchSchema
					+ (sameDatabase ? " in the migrated database" : " in the scratch database");
			// The live schema is read right after its history, so that both describe one moment.
			SchemaSnapshot actual = SchemaSnapshot.read(live, liveSchema, options);
			SchemaSnapshot expected = replayAndRead(scratchSchema, location, replay, options, notes);
			return new DriftReport(liveSchema, location, replay.versions(), replay.skippedVersions(), notes,
					SchemaDiff.between(expected, actual), Duration.ofNanos(System.nanoTime() - started));
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.HISTORY_FAILED,
					"Drift check could not read the live database: " + SqlErrors.describe(ex)
							+ ". Check that the database is reachable and the user may read the history table.",
					ex);
		}
	}

	/**
	 * What to replay: every applied version, in order, each with its source in this build.
	 */
	private record Replay(List<Long> versions, List<MigrationSource> skipped, long highest) {

		List<Long> skippedVersions() {
			return this.skipped.stream().map(MigrationSource::version).toList();
		}

	}

	/**
	 * Decides what to replay.
	 * @param liveSchemaToAvoid the live schema when the replay runs in the migrated
	 * database, where a migration naming it must not run; {@code null} otherwise
	 */
	private Replay plan(MigrationCatalog catalog, HistorySnapshot history, List<String> notes,
			String liveSchemaToAvoid) {
		LiveSchemaReferences references = (liveSchemaToAvoid != null)
				? new LiveSchemaReferences(liveSchemaToAvoid, this.configuration.source().encoding()) : null;
		if (!history.tableExists()) {
			notes.add("The history table " + this.configuration.history().table() + " does not exist: nothing is applied, so "
					+ "every object of the live schema is reported as added.");
		}
		List<Long> versions = new ArrayList<>();
		List<String> javaMigrations = new ArrayList<>();
		List<String> changedFiles = new ArrayList<>();
		for (AppliedMigration applied : history.rows().values()) {
			if (applied.state().incomplete()) {
				throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot check drift: version "
						+ applied.version() + " (" + applied.description() + ") is " + applied.state().id()
						+ " in the history, so what it changed is unknown. Finish or undo it by hand, run 'repair', "
						+ "then check drift again.");
			}
			MigrationSource source = catalog.find(applied.version());
			if (source == null) {
				throw new MigratorException(ErrorCode.VALIDATION_FAILED, "Cannot check drift: version "
						+ applied.version() + " (" + applied.description() + ") is applied but this build has no "
						+ "migration with that version, so it cannot be replayed. Run drift with the build that "
						+ "applied it, or restore its file.");
			}
			if (source.type() == MigrationType.JAVA) {
				javaMigrations.add(source.name());
			}
			if (references != null && source instanceof SqlMigrationSource sql) {
				references.requireNone(sql);
			}
			if (applied.checksum() != null && !applied.checksum().equals(source.checksum())) {
				changedFiles.add(source.name());
			}
			versions.add(applied.version());
		}
		long highest = versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
		List<MigrationSource> skipped = catalog.sources()
			.stream()
			.filter((source) -> source.version() < highest && !history.rows().containsKey(source.version()))
			.toList();
		if (!javaMigrations.isEmpty()) {
			notes.add("Java migrations were replayed with the scratch schema as their connection's search_path: "
					+ String.join(", ", javaMigrations) + ". One that names a schema itself acted on that schema, "
					+ "and what it built there is not in the scratch schema.");
		}
		if (!changedFiles.isEmpty()) {
			notes.add("These files changed since they were applied (their checksums differ), and were replayed as "
					+ "they are now: " + String.join(", ", changedFiles) + ".");
		}
		if (!skipped.isEmpty()) {
			notes.add("Versions " + skipped.stream().map(MigrationSource::version).toList()
					+ " are pending in the live database below its highest applied version, so they were not "
					+ "replayed either.");
		}
		return new Replay(versions, skipped, highest);
	}

	private SchemaSnapshot replayAndRead(String scratchSchema, String location, Replay replay,
			SnapshotOptions options, List<String> notes) {
		DataSource scratch = (this.scratchDatabase != null) ? this.scratchDatabase : this.configuration.dataSource();
		createScratchSchema(scratch, scratchSchema, location, replay, notes);
		try {
			if (!replay.versions().isEmpty()) {
				logger.info("Drift check: replaying {} applied version(s) into {}; the migration log lines that follow "
						+ "are the replay", replay.versions().size(), location);
				RunResult result = replayMigrator(scratch, scratchSchema).upTo(replay.highest());
				logger.debug("Drift check replayed {} version(s) into {} in {} ms", result.migrations().size(),
						location, result.duration().toMillis());
			}
			try (Connection connection = scratch.getConnection()) {
				return SchemaSnapshot.read(connection, scratchSchema, options);
			}
		}
		catch (MigrationFailedException ex) {
			MigrationResult failed = ex.getFailedMigration();
			MigrationFailedException.FailureLocation where = ex.getLocation();
			String statement = (where != null && where.statementNumber() > 0)
					? ", statement " + where.statementNumber() + " at line " + where.line() : "";
			throw new MigratorException(ErrorCode.SNAPSHOT_FAILED, "Drift check could not rebuild the schema in "
					+ location + " (dropped again; the live schema and history are unchanged): replaying version "
					+ failed.version() + " (" + failed.description() + ") from " + failed.source() + statement
					+ " failed: " + failed.error() + ". It succeeded in the live database, so it most likely depends on "
					+ "something outside its own schema there (an extension installed in the live schema, a "
					+ "schema-qualified name): give drift a scratch database that has it instead (CLI: --scratch-url).",
					ex);
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.SNAPSHOT_FAILED, "Drift check could not read " + location + ": "
					+ SqlErrors.describe(ex) + ". Check that the database is reachable.", ex);
		}
		finally {
			dropScratchSchema(scratch, scratchSchema, location);
		}
	}

	/**
	 * Creates the scratch schema and its history table, marking the versions the replay
	 * must skip. CREATE SCHEMA without IF NOT EXISTS: the schema dropped afterwards is one
	 * this check created, never an existing one.
	 */
	private void createScratchSchema(DataSource scratch, String scratchSchema, String location, Replay replay,
			List<String> notes) {
		Connection opened;
		try {
			opened = scratch.getConnection();
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.SNAPSHOT_FAILED, "Drift check could not connect to "
					+ (this.scratchDatabase != null ? "the scratch database" : "the migrated database") + ": "
					+ SqlErrors.describe(ex) + ". Check its URL and credentials, and that it is reachable.", ex);
		}
		try (Connection connection = opened) {
			Dialect dialect = Dialects.of(connection);
			noteLeftoverScratchSchemas(connection, dialect, notes);
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE SCHEMA " + dialect.quote(scratchSchema));
			}
			HistoryStore store = new HistoryStore(dialect, scratchSchema, this.configuration.history().table());
			store.create(connection, false);
			for (MigrationSource source : replay.skipped()) {
				store.insert(connection, source.version(), source.description(), source.type(), source.checksum(),
						AppliedState.BASELINE, Duration.ZERO);
			}
		}
		catch (SQLException ex) {
			dropScratchSchema(scratch, scratchSchema, location);
			throw new MigratorException(ErrorCode.SNAPSHOT_FAILED, "Drift check could not create " + location + ": "
					+ SqlErrors.describe(ex) + ". The user needs the CREATE privilege on the database.", ex);
		}
	}

	private Migrator replayMigrator(DataSource scratch, String scratchSchema) {
		MigratorConfiguration live = this.configuration;
		MigratorConfiguration replay = new MigratorConfiguration(scratch, live.source(),
				new HistorySettings(live.history().table(), scratchSchema, false, true), live.lock(),
				live.substitution(), live.allowOutOfOrder(), false, true, false, List.of(), live.progressInterval());
		return new DefaultMigratorFactory().create(replay);
	}

	/**
	 * A check killed during its replay (kill -9, a container stopped, Ctrl-C: the JVM exits
	 * without finishing the replay's finally) leaves its scratch schema behind. It is named,
	 * not dropped: another drift check may be running in it right now.
	 */
	private static void noteLeftoverScratchSchemas(Connection connection, Dialect dialect, List<String> notes)
			throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet leftovers = statement.executeQuery("SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname ~ '"
						+ SCRATCH_INFIX + "[0-9a-f]{8}$' ORDER BY nspname")) {
			while (leftovers.next()) {
				String schema = leftovers.getString(1);
				String note = "Schema " + schema + " looks like the scratch schema of a drift check that was interrupted "
						+ "(or of one running now); it is not part of this check. Once no drift check is running, drop "
						+ "it: DROP SCHEMA " + dialect.quote(schema) + " CASCADE";
				logger.warn(note);
				notes.add(note);
			}
		}
	}

	private static void dropScratchSchema(DataSource scratch, String scratchSchema, String location) {
		try (Connection connection = scratch.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + Dialects.of(connection).quote(scratchSchema) + " CASCADE");
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Drift check could not drop {}: {}. Drop it by hand: DROP SCHEMA \"{}\" CASCADE", location,
					ex.getMessage(), scratchSchema);
		}
	}

	private Connection connectLive() throws SQLException {
		Connection connection = this.configuration.dataSource().getConnection();
		try {
			connection.setAutoCommit(true);
			if (this.configuration.history().useSchemaAsSearchPath()) {
				connection.setSchema(this.configuration.history().schema());
			}
			return connection;
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

	private static String currentSchema(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_schema()")) {
			result.next();
			String schema = result.getString(1);
			if (schema == null) {
				throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "Drift check found no current schema: "
						+ "no schema on the connection's search_path exists. Configure the schema migrations apply to "
						+ "(schema + useSchemaAsSearchPath, CLI: --schema).");
			}
			return schema;
		}
	}

	/**
	 * Names a new scratch schema after the live one, with a random suffix so two checks
	 * at once never share one, shortened to fit PostgreSQL's identifier length.
	 */
	static String scratchName(String liveSchema) {
		byte[] bytes = new byte[4];
		random.nextBytes(bytes);
		String suffix = SCRATCH_INFIX + HexFormat.of().formatHex(bytes);
		String prefix = liveSchema;
		while (prefix.getBytes(StandardCharsets.UTF_8).length + suffix.length() > MAX_IDENTIFIER_LENGTH) {
			prefix = prefix.substring(0, prefix.offsetByCodePoints(prefix.length(), -1));
		}
		return prefix + suffix;
	}

}
