package io.migrator.cli;

import java.io.File;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.migrator.core.ErrorCode;
import io.migrator.core.LockStrategy;
import io.migrator.core.MigrationListener;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorBuilder;
import io.migrator.core.MigratorException;

/**
 * The global options after the environment fallbacks: what one command runs with.
 *
 * @param url the JDBC URL, or {@code null} when neither {@code --url} nor
 * {@code MIGRATOR_URL} is set
 * @param user the user, or {@code null}
 * @param password the password, or {@code null}
 * @param directories the migration directories (or {@code classpath:} locations)
 * @param table the history table, or {@code null} for the default
 * @param schema the history schema, or {@code null} for the connection's
 * @param allowOutOfOrder whether out-of-order versions are applied
 * @param lock the lock strategy, or {@code null} for the default
 * @param json whether output is JSON
 * @param verbose whether stack traces are shown
 */
record CliSettings(String url, String user, String password, List<String> directories, String table, String schema,
		boolean allowOutOfOrder, LockStrategy lock, boolean json, boolean verbose) {

	static final String ENV_URL = "MIGRATOR_URL";

	static final String ENV_USER = "MIGRATOR_USER";

	static final String ENV_PASSWORD = "MIGRATOR_PASSWORD";

	static final String ENV_DIR = "MIGRATOR_DIR";

	/** Like goose's {@code -dir}: the current directory. */
	static final String DEFAULT_DIRECTORY = ".";

	private static final String FILESYSTEM = "filesystem:";

	private static final String CLASSPATH = "classpath:";

	static CliSettings resolve(GlobalOptions options, Map<String, String> environment) {
		List<String> directories = new ArrayList<>(options.dirs);
		if (directories.isEmpty()) {
			String fromEnvironment = fallback(null, environment.get(ENV_DIR));
			if (fromEnvironment != null) {
				for (String directory : fromEnvironment.split(File.pathSeparator)) {
					if (!directory.isBlank()) {
						directories.add(directory.trim());
					}
				}
			}
		}
		if (directories.isEmpty()) {
			directories.add(DEFAULT_DIRECTORY);
		}
		return new CliSettings(fallback(options.url, environment.get(ENV_URL)),
				fallback(options.user, environment.get(ENV_USER)),
				fallback(options.password, environment.get(ENV_PASSWORD)), List.copyOf(directories), options.table,
				options.schema, options.allowOutOfOrder, options.lock, options.json, options.verbose);
	}

	Secrets secrets() {
		return Secrets.of(this.url, this.password);
	}

	/**
	 * Builds the migrator. Does not connect.
	 * @param listener called around each migration
	 * @return the migrator
	 * @throws MigratorException with {@link ErrorCode#INVALID_CONFIGURATION} when the URL is
	 * missing or no bundled driver accepts it, or an option is invalid
	 */
	Migrator migrator(MigrationListener listener) {
		if (this.url == null) {
			throw invalid("No database URL: pass --url jdbc:postgresql://localhost:5432/app or set " + ENV_URL);
		}
		if (!this.url.startsWith("jdbc:")) {
			throw invalid("--url must be a JDBC URL like jdbc:postgresql://localhost:5432/app, but was '"
					+ Secrets.maskUrls(this.url) + "'");
		}
		try {
			DriverManager.getDriver(this.url);
		}
		catch (SQLException ex) {
			throw invalid("No bundled JDBC driver accepts the URL '" + Secrets.maskUrls(this.url)
					+ "': this build supports PostgreSQL (jdbc:postgresql://host:5432/database)");
		}
		return configured().dataSource(new DriverManagerDataSource(this.url, this.user, this.password))
			.listeners(listener)
			.build();
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
		MigratorBuilder builder = Migrator.builder().locations(locations()).allowOutOfOrder(this.allowOutOfOrder);
		if (this.table != null) {
			builder.table(this.table);
		}
		if (this.schema != null) {
			builder.schema(this.schema);
		}
		if (this.lock != null) {
			builder.lockStrategy(this.lock);
		}
		return builder;
	}

	/**
	 * Returns the directories as core locations: {@code filesystem:} with an absolute path,
	 * or a location given with its prefix as it is.
	 * @return the locations
	 */
	List<String> locations() {
		return this.directories.stream()
			.map((directory) -> (directory.startsWith(FILESYSTEM) || directory.startsWith(CLASSPATH)) ? directory
					: FILESYSTEM + Path.of(directory).toAbsolutePath().normalize())
			.toList();
	}

	/**
	 * Returns the directory that {@code create} and {@code fix} work in: the first one.
	 * @return the directory
	 */
	Path authoringDirectory() {
		String directory = this.directories.get(0);
		if (directory.startsWith(CLASSPATH)) {
			throw invalid("create and fix write files, but --dir is '" + directory
					+ "': pass a directory such as --dir db/migrations");
		}
		if (directory.startsWith(FILESYSTEM)) {
			directory = directory.substring(FILESYSTEM.length());
		}
		return Path.of(directory);
	}

	private static String fallback(String option, String environmentValue) {
		if (option != null) {
			return option;
		}
		return (environmentValue != null && !environmentValue.isEmpty()) ? environmentValue : null;
	}

	private static MigratorException invalid(String message) {
		return new MigratorException(ErrorCode.INVALID_CONFIGURATION, message);
	}

}
