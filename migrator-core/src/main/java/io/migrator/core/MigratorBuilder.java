package io.migrator.core;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.migrator.core.spi.MigratorFactory;

/**
 * Configures a {@link Migrator}. Every setter checks its value at once; {@link #build()}
 * checks that the options fit together. Not thread-safe; the built migrator is.
 */
public final class MigratorBuilder {

	/** The default location: {@code classpath:db/migrations}. */
	public static final String DEFAULT_LOCATION = "classpath:db/migrations";

	/** The default history table: {@code migrator_history}. */
	public static final String DEFAULT_TABLE = "migrator_history";

	/** The default lock timeout: 5 minutes. */
	public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(5);

	/** The default lease of a table lock: 30 seconds, renewed by a heartbeat. */
	public static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(30);

	/** The default interval of progress messages for long migrations: 10 seconds. */
	public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

	private static final Pattern UNQUOTED_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

	/** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated by the server. */
	private static final int MAX_IDENTIFIER_BYTES = 63;

	private DataSource dataSource;

	private List<Location> locations = List.of(Location.parse(DEFAULT_LOCATION));

	private boolean recursive;

	private String table = DEFAULT_TABLE;

	private String schema;

	private boolean createSchema = true;

	private boolean useSchemaAsSearchPath;

	private boolean allowOutOfOrder;

	private boolean validateChecksums = true;

	private boolean ignoreMissingMigrations;

	private boolean removeHistoryRowWhenNoDown;

	private LockStrategy lockStrategy = LockStrategy.AUTO;

	private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;

	/** {@code null} until set: a lease set for a strategy without one is refused, even the default. */
	private Duration lockLeaseDuration;

	private final Map<String, String> variables = new LinkedHashMap<>();

	private boolean useEnvironmentVariables = true;

	private Charset encoding = StandardCharsets.UTF_8;

	private final List<JavaMigration> javaMigrations = new ArrayList<>();

	private final List<Path> javaMigrationClasspath = new ArrayList<>();

	private final List<MigrationListener> listeners = new ArrayList<>();

	private ClassLoader classLoader;

	private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;

	MigratorBuilder() {
	}

	/**
	 * Sets where to migrate. Operations open their own connections from it. Required by
	 * every operation except {@link Migrator#validate()}, which without a data source
	 * checks the files alone (like goose's {@code validate}); the others then fail with
	 * {@link ErrorCode#INVALID_CONFIGURATION}. Default: none.
	 * @param dataSource the data source
	 * @return this builder
	 */
	public MigratorBuilder dataSource(DataSource dataSource) {
		this.dataSource = Objects.requireNonNull(dataSource, "'dataSource' must not be null");
		return this;
	}

	/**
	 * Sets where migrations are found: {@code classpath:some/dir} or
	 * {@code filesystem:/some/dir}; a location without a prefix is a classpath location.
	 * Default: {@value #DEFAULT_LOCATION}.
	 * @param locations one or more locations
	 * @return this builder
	 */
	public MigratorBuilder locations(String... locations) {
		return locations(List.of(locations));
	}

	/**
	 * Sets where migrations are found. See {@link #locations(String...)}.
	 * @param locations one or more locations
	 * @return this builder
	 */
	public MigratorBuilder locations(List<String> locations) {
		Objects.requireNonNull(locations, "'locations' must not be null");
		if (locations.isEmpty()) {
			throw invalid("'locations' must name at least one location, e.g. " + DEFAULT_LOCATION);
		}
		this.locations = locations.stream().map(Location::parse).toList();
		return this;
	}

	/**
	 * Sets whether sub-directories of each location are scanned too. Default: {@code false}
	 * (only the top level, like goose).
	 * @param recursive whether to scan sub-directories
	 * @return this builder
	 */
	public MigratorBuilder recursive(boolean recursive) {
		this.recursive = recursive;
		return this;
	}

	/**
	 * Sets the history table's name, read as PostgreSQL reads a name in SQL: unquoted
	 * (letters, digits, {@code _} and {@code $}, not starting with a digit) it folds to
	 * lower case, so {@code Hist} is the table {@code hist}; in double quotes
	 * ({@code "Hist"}, a doubled {@code ""} for a quote) it is taken exactly. At most 63
	 * bytes. Default: {@value #DEFAULT_TABLE}.
	 * @param table the table name
	 * @return this builder
	 */
	public MigratorBuilder table(String table) {
		this.table = identifier("table", table);
		return this;
	}

	/**
	 * Sets the schema of the history table (and of the lock table). Same rules as
	 * {@link #table(String)}. Default: {@code null}, the connection's current schema,
	 * resolved once at the start of each operation (a migration that changes
	 * {@code search_path} does not move the history).
	 * @param schema the schema name, or {@code null}
	 * @return this builder
	 */
	public MigratorBuilder schema(String schema) {
		this.schema = (schema != null) ? identifier("schema", schema) : null;
		return this;
	}

	/**
	 * Sets whether the schema is created when it does not exist. Default: {@code true}.
	 * @param createSchema whether to create the schema
	 * @return this builder
	 */
	public MigratorBuilder createSchema(boolean createSchema) {
		this.createSchema = createSchema;
		return this;
	}

	/**
	 * Sets whether each connection of a run gets {@code schema} as its current schema
	 * ({@link java.sql.Connection#setSchema(String)}), so unqualified names in migrations
	 * land in it: the schema-per-tenant layout. Costs one round trip per connection.
	 * Default: {@code false}.
	 * @param useSchemaAsSearchPath whether to switch connections to the schema
	 * @return this builder
	 */
	public MigratorBuilder useSchemaAsSearchPath(boolean useSchemaAsSearchPath) {
		this.useSchemaAsSearchPath = useSchemaAsSearchPath;
		return this;
	}

	/**
	 * Sets whether pending versions below the highest applied one are applied (in
	 * ascending order) instead of refused. Default: {@code false}.
	 * @param allowOutOfOrder whether to apply out-of-order versions
	 * @return this builder
	 */
	public MigratorBuilder allowOutOfOrder(boolean allowOutOfOrder) {
		this.allowOutOfOrder = allowOutOfOrder;
		return this;
	}

	/**
	 * Sets whether a changed checksum of an applied migration fails validation. A changed
	 * description always does. Default: {@code true}.
	 * @param validateChecksums whether to validate checksums
	 * @return this builder
	 */
	public MigratorBuilder validateChecksums(boolean validateChecksums) {
		this.validateChecksums = validateChecksums;
		return this;
	}

	/**
	 * Sets whether {@code validate} and {@code check} accept applied versions that have no
	 * migration in this build (the database is ahead: blue/green, a rolled-back
	 * application). {@code up} never fails on them; they are always listed as missing.
	 * Default: {@code false}, they fail validation.
	 * @param ignoreMissingMigrations whether missing applied migrations pass validation
	 * @return this builder
	 */
	public MigratorBuilder ignoreMissingMigrations(boolean ignoreMissingMigrations) {
		this.ignoreMissingMigrations = ignoreMissingMigrations;
		return this;
	}

	/**
	 * Sets whether {@code down} (and {@code down-to}, {@code reset}) of a migration without
	 * a down part (no {@code -- +goose Down} section, no {@code .down.sql}, a Java migration
	 * that does not override {@code down}) only removes its history row, reported as
	 * {@link Outcome#HISTORY_ROW_REMOVED}, leaving its changes in the database. {@code redo}
	 * of such a migration is refused either way: it would apply its Up a second time.
	 * Default: {@code false}, such a down is refused and names the file.
	 * @param removeHistoryRowWhenNoDown whether to only remove the row
	 * @return this builder
	 */
	public MigratorBuilder removeHistoryRowWhenNoDown(boolean removeHistoryRowWhenNoDown) {
		this.removeHistoryRowWhenNoDown = removeHistoryRowWhenNoDown;
		return this;
	}

	/**
	 * Sets how concurrent migrating processes are kept apart. Default:
	 * {@link LockStrategy#AUTO}.
	 * @param lockStrategy the strategy
	 * @return this builder
	 */
	public MigratorBuilder lockStrategy(LockStrategy lockStrategy) {
		this.lockStrategy = Objects.requireNonNull(lockStrategy, "'lockStrategy' must not be null");
		return this;
	}

	/**
	 * Sets how long to wait for the lock before failing. Default: 5 minutes.
	 * @param lockTimeout a positive duration
	 * @return this builder
	 */
	public MigratorBuilder lockTimeout(Duration lockTimeout) {
		this.lockTimeout = positive("lockTimeout", lockTimeout);
		return this;
	}

	/**
	 * Sets how long a table lease lives without a heartbeat; a crashed holder's lease is
	 * taken over after it. A third of it is the heartbeat interval of the table and the
	 * advisory lock. At least one second. Default: 30 seconds. Setting it with lock strategy
	 * {@link LockStrategy#NONE}, which takes no lock, is refused when the migrator is built.
	 * @param lockLeaseDuration the lease duration
	 * @return this builder
	 */
	public MigratorBuilder lockLeaseDuration(Duration lockLeaseDuration) {
		positive("lockLeaseDuration", lockLeaseDuration);
		if (lockLeaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
			throw invalid("'lockLeaseDuration' cannot be less than 1s, was " + lockLeaseDuration);
		}
		this.lockLeaseDuration = lockLeaseDuration;
		return this;
	}

	/**
	 * Adds a value for ENVSUB references ({@code ${NAME}} in files with
	 * {@code -- +goose ENVSUB ON}); it wins over an environment variable of the same name.
	 * Default: none.
	 * @param name the variable name
	 * @param value the value
	 * @return this builder
	 */
	public MigratorBuilder variable(String name, String value) {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(value, "'value' must not be null");
		this.variables.put(name, value);
		return this;
	}

	/**
	 * Adds values for ENVSUB references. See {@link #variable(String, String)}.
	 * @param variables names and values
	 * @return this builder
	 */
	public MigratorBuilder variables(Map<String, String> variables) {
		Objects.requireNonNull(variables, "'variables' must not be null");
		variables.forEach(this::variable);
		return this;
	}

	/**
	 * Sets whether ENVSUB falls back to the process environment. Default: {@code true}.
	 * @param useEnvironmentVariables whether to read environment variables
	 * @return this builder
	 */
	public MigratorBuilder useEnvironmentVariables(boolean useEnvironmentVariables) {
		this.useEnvironmentVariables = useEnvironmentVariables;
		return this;
	}

	/**
	 * Sets the encoding SQL migration files are saved in. Bytes that are not valid in it
	 * stop the run before anything touches the database, naming the file and line, instead
	 * of reaching the database as replacement characters. Checksums stay the SHA-256 of the
	 * file bytes, whatever the encoding. Default: UTF-8.
	 * @param encoding the files' encoding, e.g. {@code Charset.forName("windows-1252")}
	 * @return this builder
	 */
	public MigratorBuilder encoding(Charset encoding) {
		this.encoding = Objects.requireNonNull(encoding, "'encoding' must not be null");
		return this;
	}

	/**
	 * Adds Java migrations given as objects (e.g. Spring beans, which get dependency
	 * injection). Java migration classes in classpath locations are found without this.
	 * Default: none.
	 * @param migrations the migrations
	 * @return this builder
	 */
	public MigratorBuilder javaMigrations(JavaMigration... migrations) {
		return javaMigrations(List.of(migrations));
	}

	/**
	 * Adds Java migrations given as objects. See {@link #javaMigrations(JavaMigration...)}.
	 * @param migrations the migrations
	 * @return this builder
	 */
	public MigratorBuilder javaMigrations(List<? extends JavaMigration> migrations) {
		Objects.requireNonNull(migrations, "'migrations' must not be null");
		migrations.forEach((migration) -> this.javaMigrations
			.add(Objects.requireNonNull(migration, "'migrations' must not contain null")));
		return this;
	}

	/**
	 * Adds directories and jars of compiled Java migrations, as a command-line tool gets
	 * them: every top-level class there that implements {@link JavaMigration} is a
	 * migration, whatever its package. They are loaded in a class loader of their own over
	 * these entries, whose parent is the {@link #classLoader(ClassLoader) class loader}, so
	 * the classes need only migrator-core to compile; {@code classpath:} locations are
	 * searched in the entries too. Default: none.
	 * @param entries directories and {@code .jar} files
	 * @return this builder
	 */
	public MigratorBuilder javaMigrationClasspath(List<Path> entries) {
		Objects.requireNonNull(entries, "'entries' must not be null");
		for (Path entry : entries) {
			Path path = Objects.requireNonNull(entry, "'entries' must not contain null").toAbsolutePath().normalize();
			if (!Files.isDirectory(path) && !(Files.isRegularFile(path) && path.toString().endsWith(".jar"))) {
				throw invalid("Java migration classpath entry " + entry + " is neither a directory nor a .jar file: "
						+ "compile the migrations (javac -cp migrator.jar -d classes V00001__seed.java) and pass the "
						+ "output directory or a jar of it");
			}
			this.javaMigrationClasspath.add(path);
		}
		return this;
	}

	/**
	 * Adds listeners called around runs and migrations. Default: none.
	 * @param listeners the listeners
	 * @return this builder
	 */
	public MigratorBuilder listeners(MigrationListener... listeners) {
		return listeners(List.of(listeners));
	}

	/**
	 * Adds listeners. See {@link #listeners(MigrationListener...)}.
	 * @param listeners the listeners
	 * @return this builder
	 */
	public MigratorBuilder listeners(List<? extends MigrationListener> listeners) {
		Objects.requireNonNull(listeners, "'listeners' must not be null");
		listeners.forEach((listener) -> this.listeners
			.add(Objects.requireNonNull(listener, "'listeners' must not contain null")));
		return this;
	}

	/**
	 * Sets the class loader that classpath locations are scanned with. Default: the
	 * thread's context class loader when the migrator is built.
	 * @param classLoader the class loader
	 * @return this builder
	 */
	public MigratorBuilder classLoader(ClassLoader classLoader) {
		this.classLoader = Objects.requireNonNull(classLoader, "'classLoader' must not be null");
		return this;
	}

	/**
	 * Sets how often a long-running migration logs that it is still running. Default: 10
	 * seconds.
	 * @param progressInterval a positive duration
	 * @return this builder
	 */
	public MigratorBuilder progressInterval(Duration progressInterval) {
		this.progressInterval = positive("progressInterval", progressInterval);
		return this;
	}

	/**
	 * Returns the configuration as set so far.
	 * @return the configuration
	 * @throws MigratorException when options conflict
	 */
	public MigratorConfiguration toConfiguration() {
		if (this.useSchemaAsSearchPath && this.schema == null) {
			throw invalid("'useSchemaAsSearchPath' needs a 'schema' to switch to, but no schema is set");
		}
		if (this.lockStrategy == LockStrategy.NONE && this.lockLeaseDuration != null) {
			throw invalid("'lockLeaseDuration' (" + this.lockLeaseDuration + ") does not apply to lock strategy "
					+ "NONE, which takes no lock: set another lock strategy, or do not set the lease");
		}
		SourceSettings source = new SourceSettings(this.locations, this.recursive, this.encoding, this.javaMigrations,
				this.javaMigrationClasspath, sourceClassLoader());
		HistorySettings history = new HistorySettings(this.table, this.schema, this.createSchema,
				this.useSchemaAsSearchPath);
		LockSettings lock = new LockSettings(this.lockStrategy, this.lockTimeout,
				(this.lockLeaseDuration != null) ? this.lockLeaseDuration : DEFAULT_LOCK_LEASE);
		SubstitutionSettings substitution = new SubstitutionSettings(this.variables, this.useEnvironmentVariables);
		return new MigratorConfiguration(this.dataSource, source, history, lock, substitution, this.allowOutOfOrder,
				this.validateChecksums, this.ignoreMissingMigrations, this.removeHistoryRowWhenNoDown, this.listeners,
				this.progressInterval);
	}

	private ClassLoader sourceClassLoader() {
		ClassLoader loader = (this.classLoader != null) ? this.classLoader
				: Thread.currentThread().getContextClassLoader();
		if (loader == null) {
			loader = MigratorBuilder.class.getClassLoader();
		}
		if (this.javaMigrationClasspath.isEmpty()) {
			return loader;
		}
		// Lives as long as the migrator: its migrations run through it.
		return new URLClassLoader(this.javaMigrationClasspath.stream().map(MigratorBuilder::url).toArray(URL[]::new),
				loader);
	}

	private static URL url(Path path) {
		try {
			return path.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException("An absolute file path is always a URL: " + path, ex);
		}
	}

	/**
	 * Builds the migrator. Does not touch the database.
	 * @return the migrator
	 * @throws MigratorException when options conflict
	 */
	public Migrator build() {
		return factory().create(toConfiguration());
	}

	static MigratorFactory factory() {
		return Services.load(MigratorFactory.class);
	}

	/**
	 * Returns the name an identifier stands for in PostgreSQL: unquoted names fold to lower
	 * case, quoted ones are exact. Stored folded, so every spelling of one table is one
	 * table (and one lock), and always quoted when used in SQL.
	 */
	private static String identifier(String option, String value) {
		Objects.requireNonNull(value, "'" + option + "' must not be null");
		String name;
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			String inner = value.substring(1, value.length() - 1);
			if (inner.isEmpty() || inner.replace("\"\"", "").indexOf('"') >= 0 || inner.indexOf('\0') >= 0) {
				throw invalid("'" + option + "' " + value + " is not a valid quoted name: it must not be empty, "
						+ "must not contain a NUL character, and a quote inside it is written twice (\"\")");
			}
			name = inner.replace("\"\"", "\"");
		}
		else if (UNQUOTED_IDENTIFIER.matcher(value).matches()) {
			name = value.toLowerCase(Locale.ROOT);
		}
		else {
			throw invalid("'" + option + "' must be letters, digits, '_' and '$', not starting with a digit (it is "
					+ "folded to lower case, as PostgreSQL does), or a name in double quotes taken exactly, "
					+ "e.g. \"My Table\"; but was '" + value + "'");
		}
		if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
			throw invalid("'" + option + "' must be at most " + MAX_IDENTIFIER_BYTES
					+ " bytes (PostgreSQL would silently truncate it), but '" + value + "' has "
					+ name.getBytes(StandardCharsets.UTF_8).length);
		}
		return name;
	}

	private static Duration positive(String option, Duration value) {
		Objects.requireNonNull(value, "'" + option + "' must not be null");
		if (value.isNegative() || value.isZero()) {
			throw invalid("'" + option + "' must be positive, but was " + value);
		}
		return value;
	}

	private static MigratorException invalid(String message) {
		return new MigratorException(ErrorCode.INVALID_CONFIGURATION, message);
	}

}
