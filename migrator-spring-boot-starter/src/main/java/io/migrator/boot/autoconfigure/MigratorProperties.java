package io.migrator.boot.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.migrator.core.LegacyTracker;
import io.migrator.core.LockStrategy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for migrator. Defaults equal those of
 * {@link io.migrator.core.MigratorBuilder}.
 */
@ConfigurationProperties("migrator")
public class MigratorProperties {

	/**
	 * Whether to enable migrator.
	 */
	private boolean enabled = true;

	/**
	 * What to do at startup: apply pending migrations, validate that the schema is fully
	 * applied without changing it, apply and exit (job), or nothing.
	 */
	private Mode mode = Mode.APPLY;

	/**
	 * Locations of migrations, as classpath:some/dir or filesystem:/some/dir.
	 */
	private List<String> locations = new ArrayList<>(List.of("classpath:db/migrations"));

	/**
	 * Whether to scan sub-directories of each location too.
	 */
	private boolean recursive = false;

	/**
	 * Name of the history table.
	 */
	private String table = "migrator_history";

	/**
	 * Schema of the history and lock tables. Defaults to the connection's current schema.
	 */
	private String schema;

	/**
	 * Whether to create the schema when it does not exist.
	 */
	private boolean createSchema = true;

	/**
	 * Whether to make "schema" the current schema of migration connections, so unqualified
	 * names in migrations land in it.
	 */
	private boolean useSchemaAsSearchPath = false;

	/**
	 * Whether to apply pending versions below the highest applied one instead of refusing
	 * them.
	 */
	private boolean allowOutOfOrder = false;

	/**
	 * Whether to fail validation when the checksum of an applied migration changed.
	 */
	private boolean validateChecksums = true;

	/**
	 * Whether to accept applied versions that have no migration in this build (the
	 * database is ahead: blue/green, a rolled-back release) when validating, the validate
	 * mode included, instead of failing.
	 */
	private boolean ignoreMissingMigrations = false;

	/**
	 * Whether to only remove the history row when undoing a migration that has no down
	 * part, leaving its changes in the database, instead of refusing.
	 */
	private boolean removeHistoryRowWhenNoDown = false;

	/**
	 * Encoding the SQL migration files are saved in. Bytes not valid in it stop the run
	 * before anything touches the database, naming the file and line.
	 */
	private Charset encoding = StandardCharsets.UTF_8;

	/**
	 * Values for ENVSUB references in migrations; they win over environment variables.
	 */
	private Map<String, String> variables = new LinkedHashMap<>();

	/**
	 * Whether to fall back to environment variables for ENVSUB references.
	 */
	private boolean useEnvironmentVariables = true;

	/**
	 * How often a long-running migration logs that it is still running.
	 */
	private Duration progressInterval = Duration.ofSeconds(10);

	/**
	 * JDBC URL of a dedicated database connection for migrations, e.g. the direct host
	 * where the application goes through a pooler.
	 */
	private String url;

	/**
	 * Login user for migrations. Uses the application's DataSource URL when "url" is not
	 * set.
	 */
	private String user;

	/**
	 * Login password for migrations.
	 */
	private String password;

	/**
	 * Highest version the apply and job modes migrate to. Defaults to the latest version.
	 */
	private Long target;

	/**
	 * Whether to baseline a schema that has tables but no migration history before
	 * migrating: versions up to "baseline-version" are marked applied without running.
	 */
	private boolean baselineOnMigrate = false;

	/**
	 * Version to mark applied when baselining an existing schema.
	 */
	private long baselineVersion = 1;

	/**
	 * Tool whose history table to adopt before migrating when this database has no
	 * migrator history yet. Does nothing when that table does not exist either.
	 */
	private AdoptFrom adoptFrom;

	/**
	 * How long health, the endpoint and the gauges reuse a status read from the database.
	 * Defaults to 5s when migrations use a dedicated unpooled connection ("url" or
	 * "user"), which every read opens anew, and to no reuse otherwise.
	 */
	private Duration statusCacheDuration;

	private final Lock lock = new Lock();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public boolean isRecursive() {
		return this.recursive;
	}

	public void setRecursive(boolean recursive) {
		this.recursive = recursive;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public boolean isUseSchemaAsSearchPath() {
		return this.useSchemaAsSearchPath;
	}

	public void setUseSchemaAsSearchPath(boolean useSchemaAsSearchPath) {
		this.useSchemaAsSearchPath = useSchemaAsSearchPath;
	}

	public boolean isCreateSchema() {
		return this.createSchema;
	}

	public void setCreateSchema(boolean createSchema) {
		this.createSchema = createSchema;
	}

	public boolean isAllowOutOfOrder() {
		return this.allowOutOfOrder;
	}

	public void setAllowOutOfOrder(boolean allowOutOfOrder) {
		this.allowOutOfOrder = allowOutOfOrder;
	}

	public boolean isValidateChecksums() {
		return this.validateChecksums;
	}

	public void setValidateChecksums(boolean validateChecksums) {
		this.validateChecksums = validateChecksums;
	}

	public boolean isIgnoreMissingMigrations() {
		return this.ignoreMissingMigrations;
	}

	public void setIgnoreMissingMigrations(boolean ignoreMissingMigrations) {
		this.ignoreMissingMigrations = ignoreMissingMigrations;
	}

	public boolean isRemoveHistoryRowWhenNoDown() {
		return this.removeHistoryRowWhenNoDown;
	}

	public void setRemoveHistoryRowWhenNoDown(boolean removeHistoryRowWhenNoDown) {
		this.removeHistoryRowWhenNoDown = removeHistoryRowWhenNoDown;
	}

	public Charset getEncoding() {
		return this.encoding;
	}

	public void setEncoding(Charset encoding) {
		this.encoding = encoding;
	}

	public Map<String, String> getVariables() {
		return this.variables;
	}

	public void setVariables(Map<String, String> variables) {
		this.variables = variables;
	}

	public boolean isUseEnvironmentVariables() {
		return this.useEnvironmentVariables;
	}

	public void setUseEnvironmentVariables(boolean useEnvironmentVariables) {
		this.useEnvironmentVariables = useEnvironmentVariables;
	}

	public Duration getProgressInterval() {
		return this.progressInterval;
	}

	public void setProgressInterval(Duration progressInterval) {
		this.progressInterval = progressInterval;
	}

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public Long getTarget() {
		return this.target;
	}

	public void setTarget(Long target) {
		this.target = target;
	}

	public boolean isBaselineOnMigrate() {
		return this.baselineOnMigrate;
	}

	public void setBaselineOnMigrate(boolean baselineOnMigrate) {
		this.baselineOnMigrate = baselineOnMigrate;
	}

	public long getBaselineVersion() {
		return this.baselineVersion;
	}

	public void setBaselineVersion(long baselineVersion) {
		this.baselineVersion = baselineVersion;
	}

	public AdoptFrom getAdoptFrom() {
		return this.adoptFrom;
	}

	public void setAdoptFrom(AdoptFrom adoptFrom) {
		this.adoptFrom = adoptFrom;
	}

	public Duration getStatusCacheDuration() {
		return this.statusCacheDuration;
	}

	public void setStatusCacheDuration(Duration statusCacheDuration) {
		this.statusCacheDuration = statusCacheDuration;
	}

	public Lock getLock() {
		return this.lock;
	}

	/**
	 * What migrator does when the application starts.
	 */
	public enum Mode {

		/** Apply pending migrations before the application takes traffic. */
		APPLY,

		/**
		 * Change nothing; refuse to start unless every migration is applied and consistent
		 * (versions applied by a newer build only with ignore-missing-migrations).
		 */
		VALIDATE,

		/** Apply pending migrations, then exit without starting a web server. */
		JOB,

		/** Do nothing at startup. */
		NONE

	}

	/**
	 * Another migration tool whose applied state {@code migrator.adopt-from} imports.
	 */
	public enum AdoptFrom {

		/** pressly/goose and its {@code goose_db_version} table. */
		GOOSE(LegacyTracker.GOOSE, "goose", "goose_db_version"),

		/** golang-migrate and its {@code schema_migrations} table. */
		GOLANG_MIGRATE(LegacyTracker.GOLANG_MIGRATE, "golang-migrate", "schema_migrations"),

		/** Flyway and its {@code flyway_schema_history} table. */
		FLYWAY(LegacyTracker.FLYWAY, "flyway", "flyway_schema_history");

		private final LegacyTracker tracker;

		private final String id;

		private final String table;

		AdoptFrom(LegacyTracker tracker, String id, String table) {
			this.tracker = tracker;
			this.id = id;
			this.table = table;
		}

		LegacyTracker tracker() {
			return this.tracker;
		}

		String id() {
			return this.id;
		}

		String table() {
			return this.table;
		}

	}

	/**
	 * Locking of concurrent migrating processes.
	 */
	public static class Lock {

		/**
		 * How concurrent migrating processes are kept apart.
		 */
		private LockStrategy strategy = LockStrategy.AUTO;

		/**
		 * How long to wait for the migration lock before failing.
		 */
		private Duration timeout = Duration.ofMinutes(5);

		/**
		 * How long a table lock lease lives without a heartbeat before another process may
		 * take it over. When not set, 30 seconds; setting it with lock strategy none (no lock)
		 * fails the start.
		 */
		private Duration leaseDuration;

		public LockStrategy getStrategy() {
			return this.strategy;
		}

		public void setStrategy(LockStrategy strategy) {
			this.strategy = strategy;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getLeaseDuration() {
			return this.leaseDuration;
		}

		public void setLeaseDuration(Duration leaseDuration) {
			this.leaseDuration = leaseDuration;
		}

	}

}
