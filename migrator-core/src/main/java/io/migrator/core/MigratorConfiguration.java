package io.migrator.core;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Everything a {@link Migrator} was built with. Immutable; create it with
 * {@link MigratorBuilder}, which validates every value and documents every default.
 *
 * @param dataSource where to migrate, or {@code null} for a migrator that only validates
 * files ({@link Migrator#validate()})
 * @param locations where migrations are found, e.g. {@code classpath:db/migrations}
 * @param recursive whether sub-directories of a location are scanned
 * @param table the history table's name
 * @param schema the schema holding the history table, or {@code null} for the
 * connection's current schema
 * @param createSchema whether to create {@code schema} when it does not exist
 * @param useSchemaAsSearchPath whether connections get {@code schema} as their current
 * schema while migrating
 * @param allowOutOfOrder whether pending versions below the highest applied one are applied
 * @param validateChecksums whether a changed checksum of an applied migration is an error
 * @param lockStrategy how concurrent migrating processes are kept apart
 * @param lockTimeout how long to wait for the lock
 * @param lockLeaseDuration how long a table lease lives without a heartbeat; a third of it
 * is the heartbeat interval of the table and advisory locks
 * @param variables values for ENVSUB references, looked up before environment variables
 * @param useEnvironmentVariables whether ENVSUB falls back to the process environment
 * @param encoding the encoding SQL migration files are saved in
 * @param javaMigrations Java migrations given explicitly (e.g. Spring beans)
 * @param listeners callbacks around runs and migrations
 * @param classLoader where classpath locations are scanned
 * @param progressInterval how often a long migration logs that it is still running
 */
public record MigratorConfiguration(DataSource dataSource, List<String> locations, boolean recursive, String table,
		String schema, boolean createSchema, boolean useSchemaAsSearchPath, boolean allowOutOfOrder, boolean validateChecksums,
		LockStrategy lockStrategy, Duration lockTimeout, Duration lockLeaseDuration, Map<String, String> variables,
		boolean useEnvironmentVariables, Charset encoding, List<JavaMigration> javaMigrations, List<MigrationListener> listeners,
		ClassLoader classLoader, Duration progressInterval) {

	public MigratorConfiguration {
		locations = List.copyOf(locations);
		variables = Map.copyOf(variables);
		javaMigrations = List.copyOf(javaMigrations);
		listeners = List.copyOf(listeners);
	}

	/**
	 * Returns the name of the lock table used by {@link LockStrategy#TABLE} (and by
	 * {@link LockStrategy#AUTO} on databases without advisory locks): the history
	 * table's name with {@code _lock} appended, in the same schema.
	 * @return the lock table's name
	 */
	public String lockTable() {
		return this.table + "_lock";
	}

	/**
	 * Looks up the value of an ENVSUB variable.
	 * @param name the variable name
	 * @return its value, or {@code null} when unset
	 */
	public String lookupVariable(String name) {
		String value = this.variables.get(name);
		if (value == null && this.useEnvironmentVariables) {
			value = System.getenv(name);
		}
		return value;
	}

	@Override
	public String toString() {
		// A DataSource's toString may carry credentials: never print it.
		return "MigratorConfiguration[locations=" + this.locations + ", table=" + this.table + ", schema="
				+ this.schema + ", lockStrategy=" + this.lockStrategy + "]";
	}

}
