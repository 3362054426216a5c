package io.migrator.cli;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.migrator.core.ErrorCode;
import io.migrator.core.Location;
import io.migrator.core.LockStrategy;
import io.migrator.core.MigrationListener;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorBuilder;
import io.migrator.core.MigratorException;

/**
 * The options after the environment fallbacks: what one command runs with. Each setting
 * is taken from its option, else {@code MIGRATOR_*}, else goose's variable, else the
 * default; a {@code .env} file adds variables the environment does not set, as with goose.
 *
 * @param url the {@code --url} as given (JDBC URL or goose DSN), or {@code null}
 * @param user the user option or variable, or {@code null}
 * @param password the password option or variable, or {@code null}
 * @param directories the migration directories (or {@code classpath:} locations)
 * @param classpath directories and jars of compiled Java migrations
 * @param table the history table, or {@code null} for the default
 * @param schema the history schema, or {@code null} for the connection's
 * @param gooseTable goose's table for {@code adopt --from goose} ({@code GOOSE_TABLE}), or
 * {@code null}
 * @param allowOutOfOrder whether out-of-order versions are applied
 * @param ignoreMissing whether applied versions without a file pass validation
 * @param removeHistoryRowWhenNoDown whether undoing a migration without a down part only
 * removes its history row
 * @param encoding the encoding of the SQL files, or {@code null} for the default (UTF-8)
 * @param lock the lock strategy, or {@code null} for the default
 * @param json whether output is JSON
 * @param quiet whether only errors and the command's own output are printed
 * @param verbose whether stack traces are shown
 * @param fileVariables the variables the env file added, for {@code ENVSUB}
 */
record CliSettings(String url, String user, String password, List<String> directories, List<String> classpath,
		String table, String schema, String gooseTable, boolean allowOutOfOrder, boolean ignoreMissing,
		boolean removeHistoryRowWhenNoDown, Charset encoding, LockStrategy lock, boolean json, boolean quiet,
		boolean verbose, Map<String, String> fileVariables) {

	static final String ENV_URL = "MIGRATOR_URL";

	static final String ENV_USER = "MIGRATOR_USER";

	static final String ENV_PASSWORD = "MIGRATOR_PASSWORD";

	static final String ENV_DIR = "MIGRATOR_DIR";

	static final String ENV_TABLE = "MIGRATOR_TABLE";

	static final String ENV_SCHEMA = "MIGRATOR_SCHEMA";

	/**
	 * Like the directory, the files' encoding belongs to where the command runs. The
	 * behaviour switches ({@code --allow-out-of-order}, {@code --ignore-missing},
	 * {@code --remove-history-row-when-no-down}) have no variable: a {@code .env} file must
	 * not quietly loosen what a command accepts.
	 */
	static final String ENV_ENCODING = "MIGRATOR_ENCODING";

	static final String GOOSE_DBSTRING = "GOOSE_DBSTRING";

	static final String GOOSE_DRIVER = "GOOSE_DRIVER";

	static final String GOOSE_MIGRATION_DIR = "GOOSE_MIGRATION_DIR";

	static final String GOOSE_TABLE = "GOOSE_TABLE";

	/** libpq's (and so lib/pq's and pgx's) password variable, which goose users rely on. */
	static final String PGPASSWORD = "PGPASSWORD";

	/** Like goose's {@code -dir}: the current directory. */
	static final String DEFAULT_DIRECTORY = ".";

	/** goose driver names that mean PostgreSQL. */
	private static final List<String> POSTGRES_DRIVERS = List.of("postgres", "postgresql", "pgx", "redshift");

	/**
	 * Applies the fallbacks.
	 * @param options the options as given
	 * @param processEnvironment the process environment
	 * @param workingDirectory where a relative env file is read from
	 * @return the settings
	 */
	static CliSettings resolve(GlobalOptions options, Map<String, String> processEnvironment, Path workingDirectory) {
		Map<String, String> environment = processEnvironment;
		Map<String, String> fileVariables = Map.of();
		if (!DotEnv.NONE.equals(options.env)) {
			boolean named = options.env != null;
			Path file = workingDirectory.resolve(named ? options.env : DotEnv.DEFAULT_FILE);
			environment = DotEnv.overlay(processEnvironment, file, named);
			Map<String, String> added = new HashMap<>(environment);
			added.keySet().removeAll(processEnvironment.keySet());
			fileVariables = Map.copyOf(added);
		}
		List<String> directories = new ArrayList<>(options.dirs);
		if (directories.isEmpty()) {
			directories.addAll(locationList(first(environment.get(ENV_DIR), environment.get(GOOSE_MIGRATION_DIR))));
		}
		if (directories.isEmpty()) {
			directories.add(DEFAULT_DIRECTORY);
		}
		String url = first(options.url, environment.get(ENV_URL));
		if (url == null && nonEmpty(environment.get(GOOSE_DBSTRING)) != null) {
			requirePostgresDriver(environment.get(GOOSE_DRIVER));
			url = environment.get(GOOSE_DBSTRING);
		}
		List<String> classpath = new ArrayList<>();
		for (String entry : options.classpath) {
			for (String part : entry.split(File.pathSeparator)) {
				if (!part.isBlank()) {
					classpath.add(part.trim());
				}
			}
		}
		String user = first(options.user, environment.get(ENV_USER));
		String password = first(options.password, environment.get(ENV_PASSWORD));
		if (password == null && url != null && nonEmpty(environment.get(PGPASSWORD)) != null && !dsnHasPassword(url)) {
			// Where libpq looks last: after the password written in the DSN.
			password = environment.get(PGPASSWORD);
		}
		String encodingVariable = nonEmpty(environment.get(ENV_ENCODING));
		Charset encoding = (options.encoding != null || encodingVariable == null) ? options.encoding
				: charset(encodingVariable, ENV_ENCODING);
		return new CliSettings(url, user, password, List.copyOf(directories), List.copyOf(classpath),
				first(options.table, environment.get(ENV_TABLE)), first(options.schema, environment.get(ENV_SCHEMA)),
				nonEmpty(environment.get(GOOSE_TABLE)), options.allowOutOfOrder, options.ignoreMissing,
				options.removeHistoryRowWhenNoDown, encoding, options.lock, options.json, options.quiet,
				options.verbose, fileVariables);
	}

	/**
	 * Looks up an encoding by name.
	 * @param name the name, e.g. {@code ISO-8859-1}
	 * @param source where the name was given ({@code --encoding} or the variable), for the message
	 * @return the encoding
	 * @throws MigratorException with {@link ErrorCode#INVALID_CONFIGURATION} when the Java
	 * runtime knows no encoding of that name
	 */
	static Charset charset(String name, String source) {
		try {
			return Charset.forName(name.trim());
		}
		catch (IllegalArgumentException ex) {
			// Both an illegal and an unsupported name: either way the files cannot be read.
			throw invalid(source + " is '" + name + "', which this Java runtime does not know as an encoding: use a "
					+ "name such as UTF-8, ISO-8859-1 or windows-1252.");
		}
	}

	private static boolean dsnHasPassword(String url) {
		try {
			return ConnectionTarget.of(url, null, null).password() != null;
		}
		catch (MigratorException ex) {
			// The URL is reported when the connection is made; here it only decides a fallback.
			return false;
		}
	}

	/**
	 * Splits a path list such as {@code MIGRATOR_DIR=db/a:db/b}, keeping {@code classpath:}
	 * and {@code filesystem:} prefixes with their location although {@code :} is also the
	 * separator on Unix.
	 */
	static List<String> locationList(String value) {
		List<String> locations = new ArrayList<>();
		if (value == null) {
			return locations;
		}
		String[] parts = value.split(File.pathSeparator);
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i].trim();
			if ((part.equals("classpath") || part.equals("filesystem")) && i + 1 < parts.length) {
				part = part + ":" + parts[++i].trim();
			}
			if (!part.isEmpty()) {
				locations.add(part);
			}
		}
		return locations;
	}

	private static void requirePostgresDriver(String driver) {
		if (driver != null && !driver.isBlank() && !POSTGRES_DRIVERS.contains(driver.trim().toLowerCase(Locale.ROOT))) {
			throw invalid(GOOSE_DRIVER + " is '" + driver + "', but this build of migrator connects to PostgreSQL only: "
					+ "set " + GOOSE_DRIVER + "=postgres, or pass --url jdbc:postgresql://...");
		}
	}

	/**
	 * Returns where to connect.
	 * @return the target
	 * @throws MigratorException with {@link ErrorCode#INVALID_CONFIGURATION} when no URL is
	 * given or it is neither a JDBC URL nor a goose DSN
	 */
	ConnectionTarget target() {
		if (this.url == null) {
			throw invalid("No database URL: pass --url jdbc:postgresql://localhost:5432/app (or a goose DSN such as "
					+ "postgres://user@localhost:5432/app), or set " + ENV_URL + " or " + GOOSE_DBSTRING);
		}
		return ConnectionTarget.of(this.url, this.user, this.password);
	}

	/**
	 * Builds the migrator. Does not connect.
	 * @param listener called around each migration
	 * @return the migrator
	 * @throws MigratorException with {@link ErrorCode#INVALID_CONFIGURATION} when the URL is
	 * missing or no bundled driver accepts it, or an option is invalid
	 */
	Migrator migrator(MigrationListener listener) {
		ConnectionTarget target = target();
		try {
			DriverManager.getDriver(target.jdbcUrl());
		}
		catch (SQLException ex) {
			throw invalid("No bundled JDBC driver accepts the URL '" + Secrets.maskUrls(target.jdbcUrl())
					+ "': this build supports PostgreSQL (jdbc:postgresql://host:5432/database)");
		}
		return configured().dataSource(new DriverManagerDataSource(target)).listeners(listener).build();
	}

	/**
	 * Builds a migrator without a database, which can only validate the files (like
	 * goose's {@code validate}).
	 * @return the migrator
	 */
	Migrator filesOnlyMigrator() {
		return configured().build();
	}

	private MigratorBuilder configured() {
		MigratorBuilder builder = Migrator.builder()
			.locations(locations().stream().map(Location::toString).toList())
			.allowOutOfOrder(this.allowOutOfOrder)
			.ignoreMissingMigrations(this.ignoreMissing)
			.removeHistoryRowWhenNoDown(this.removeHistoryRowWhenNoDown)
			.javaMigrationClasspath(javaMigrationClasspath())
			.variables(this.fileVariables);
		if (this.table != null) {
			builder.table(this.table);
		}
		if (this.schema != null) {
			builder.schema(this.schema);
		}
		if (this.lock != null) {
			builder.lockStrategy(this.lock);
		}
		if (this.encoding != null) {
			builder.encoding(this.encoding);
		}
		return builder;
	}

	/**
	 * Returns the {@code --classpath} entries, refusing one the engine could not read with
	 * the option's name in the message (a usage error).
	 */
	private List<Path> javaMigrationClasspath() {
		List<Path> entries = new ArrayList<>();
		for (String entry : this.classpath) {
			Path path = Path.of(entry);
			if (!Files.isDirectory(path) && !(Files.isRegularFile(path) && entry.endsWith(".jar"))) {
				throw invalid("--classpath " + entry + " is neither a directory nor a .jar file: compile the "
						+ "migrations (javac -cp migrator.jar -d classes V00001__seed.java) and pass the output "
						+ "directory or a jar of it");
			}
			entries.add(path);
		}
		return entries;
	}

	/**
	 * Returns the directories as core locations: a location given with its prefix as it is,
	 * else a directory (like goose's {@code -dir}, unlike a library location without prefix,
	 * which is on the class path) with an absolute path.
	 * @return the locations
	 */
	List<Location> locations() {
		return this.directories.stream().map(CliSettings::location).toList();
	}

	private static Location location(String directory) {
		return hasPrefix(directory) ? Location.parse(directory)
				: Location.filesystem(Path.of(directory).toAbsolutePath().normalize());
	}

	private static boolean hasPrefix(String directory) {
		return Arrays.stream(Location.Kind.values()).anyMatch((kind) -> directory.startsWith(kind.prefix()));
	}

	/**
	 * Returns the directories on the file system, where {@code .java} sources may lie.
	 * @return the directories
	 */
	List<Path> fileSystemDirectories() {
		return locations().stream().filter(Location::isFilesystem).map((location) -> Path.of(location.path())).toList();
	}

	/**
	 * Returns the directory that {@code create} and {@code fix} work in: the first one.
	 * @return the directory
	 */
	Path authoringDirectory() {
		String directory = this.directories.get(0);
		if (!hasPrefix(directory)) {
			return Path.of(directory);
		}
		Location location = Location.parse(directory);
		if (!location.isFilesystem()) {
			throw invalid("create and fix write files, but --dir is '" + directory
					+ "': pass a directory such as --dir db/migrations");
		}
		return Path.of(location.path());
	}

	@Override
	public String toString() {
		// Never print the password, whatever prints a settings object.
		return "CliSettings[url=" + ((this.url != null) ? Secrets.maskUrls(this.url) : null) + ", user=" + this.user
				+ ", directories=" + this.directories + "]";
	}

	private static String first(String option, String environmentValue) {
		return (option != null) ? option : nonEmpty(environmentValue);
	}

	private static String nonEmpty(String value) {
		return (value != null && !value.isEmpty()) ? value : null;
	}

	static MigratorException invalid(String message) {
		return new MigratorException(ErrorCode.INVALID_CONFIGURATION, message);
	}

}
