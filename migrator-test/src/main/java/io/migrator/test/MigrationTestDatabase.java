package io.migrator.test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import io.migrator.core.Migrator;
import io.migrator.core.MigratorBuilder;
import io.migrator.core.RunResult;
import io.migrator.testsupport.TestDatabase;
import io.migrator.testsupport.TestPostgres;

/**
 * A fresh PostgreSQL database of one test, with the migration configuration of its
 * {@link MigratorTest} class: a {@link #migrator()} for it, and copies of it
 * ({@link #copyFromDump(Path)}, {@link #copyMigratedTo(long)}) to dry-run pending
 * migrations against. Closing it drops it and its copies; {@link MigratorTest} does that
 * after each test method. Thread-safe.
 */
public final class MigrationTestDatabase implements AutoCloseable {

	private final TestDatabase database;

	private final List<String> locations;

	private final List<MigratorCustomizer> customizers;

	private final List<MigrationTestDatabase> copies = new ArrayList<>();

	private final Migrator migrator;

	private MigrationTestDatabase(TestDatabase database, List<String> locations, List<MigratorCustomizer> customizers) {
		this.database = database;
		this.locations = List.copyOf(locations);
		this.customizers = List.copyOf(customizers);
		this.migrator = migratorBuilder().build();
	}

	/**
	 * Creates a fresh, empty database on the test PostgreSQL server (chosen as
	 * {@link MigratorTest} describes); for tests that manage it themselves instead of
	 * using {@link MigratorTest}.
	 * @param hint what the database is for, e.g. a test name; the database is named after
	 * it plus a random suffix
	 * @param locations where the migrations are, as
	 * {@link MigratorBuilder#locations(List)} takes them
	 * @param customizers adjust every migrator built for the database and its copies
	 * @return the database; close it to drop it
	 * @throws IllegalStateException when no PostgreSQL server can be had (the message says
	 * what to configure or add)
	 */
	public static MigrationTestDatabase create(String hint, List<String> locations,
			List<? extends MigratorCustomizer> customizers) {
		Objects.requireNonNull(locations, "'locations' must not be null");
		Objects.requireNonNull(customizers, "'customizers' must not be null");
		TestDatabase database = TestPostgres.get().createDatabase(hint);
		try {
			return new MigrationTestDatabase(database, locations, List.copyOf(customizers));
		}
		catch (RuntimeException ex) {
			database.close();
			throw ex;
		}
	}

	/**
	 * Returns the database name.
	 * @return the name: lower-case letters, digits and underscores
	 */
	public String name() {
		return this.database.name();
	}

	/**
	 * Returns the JDBC URL of the database.
	 * @return the URL, without user or password
	 */
	public String jdbcUrl() {
		return this.database.jdbcUrl();
	}

	/**
	 * Returns the user to connect as.
	 * @return the user
	 */
	public String user() {
		return this.database.user();
	}

	/**
	 * Returns the password of {@link #user()}.
	 * @return the password, empty when none is needed
	 */
	public String password() {
		return this.database.password();
	}

	/**
	 * Returns a non-pooled data source for the database.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return this.database.dataSource();
	}

	/**
	 * Opens a connection to the database; the caller closes it.
	 * @return the connection
	 * @throws SQLException when it cannot be opened
	 */
	public Connection connect() throws SQLException {
		return this.database.connect();
	}

	/**
	 * Returns the migrator for the database: the locations and customizers of the test
	 * class. The same instance on every call.
	 * @return the migrator
	 */
	public Migrator migrator() {
		return this.migrator;
	}

	/**
	 * Returns a new builder for a migrator of the database with the data source, the
	 * locations and the customizers already applied, to change more options.
	 * @return the builder
	 */
	public MigratorBuilder migratorBuilder() {
		MigratorBuilder builder = Migrator.builder().dataSource(dataSource()).locations(this.locations);
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	/**
	 * Creates a fresh database loaded from a plain-format dump, e.g. of production, with
	 * the same migration configuration: dry-run the pending migrations against it with
	 * {@link MigrationAssertions#assertThat(Migrator)}. The dump holds the schema and the
	 * rows of the history table as {@code INSERT} statements:
	 * <pre>
	 * { pg_dump --schema-only --no-owner --no-privileges "$URL"
	 *   pg_dump --data-only --inserts --table=migrator_history "$URL"; } &gt; production-schema.sql
	 * </pre>
	 * {@code COPY} data and psql meta-commands are refused with their line, except
	 * {@code restrict} and {@code unrestrict}, which pg_dump writes since 17.6, 16.10 and
	 * 15.14 and which are skipped.
	 * @param dump the dump file, UTF-8
	 * @return the copy; it is dropped with this database
	 * @throws IllegalArgumentException when the dump cannot be read or loaded (the message
	 * names the file, the line and the server's message)
	 */
	public MigrationTestDatabase copyFromDump(Path dump) {
		Objects.requireNonNull(dump, "'dump' must not be null");
		MigrationTestDatabase copy = newCopy("copy_from_dump");
		PlainDump.load(dump, copy.database);
		return copy;
	}

	/**
	 * Creates a fresh database with the migrations up to and including {@code version}
	 * applied, with the same migration configuration: a database as the previous release
	 * left it, to dry-run the pending migrations against.
	 * @param version the highest version to apply
	 * @return the copy; it is dropped with this database
	 * @throws io.migrator.core.MigratorException when a migration fails to apply (naming
	 * version and file)
	 * @throws IllegalArgumentException when no migration has that version
	 */
	public MigrationTestDatabase copyMigratedTo(long version) {
		MigrationTestDatabase copy = newCopy("copy_at_" + version);
		RunResult result = copy.migrator().upTo(version);
		if (result.versionAfter() != version) {
			throw new IllegalArgumentException("The copy was meant to be at version " + version + " but is at "
					+ result.versionAfter() + ": no migration has version " + version + ". Use the version of "
					+ "an existing migration.");
		}
		return copy;
	}

	private MigrationTestDatabase newCopy(String hint) {
		MigrationTestDatabase copy = create(hint, this.locations, this.customizers);
		synchronized (this.copies) {
			this.copies.add(copy);
		}
		return copy;
	}

	/**
	 * Drops the database and its copies, ending their connections. Calling it again does
	 * nothing.
	 */
	@Override
	public void close() {
		synchronized (this.copies) {
			this.copies.forEach(MigrationTestDatabase::close);
			this.copies.clear();
		}
		this.database.close();
	}

	@Override
	public String toString() {
		return this.database.toString();
	}

}
