package io.migrator.core;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/**
 * Where migrations come from and how their files are read.
 *
 * @param locations where migrations are found
 * @param recursive whether sub-directories of a location are scanned
 * @param encoding the encoding SQL migration files are saved in
 * @param javaMigrations Java migrations given explicitly (e.g. Spring beans)
 * @param javaMigrationClasspath directories and jars whose every top-level class
 * implementing {@link JavaMigration} is a migration, in any package
 * @param classLoader where classpath locations are scanned and Java migration classes
 * loaded; it reaches into {@code javaMigrationClasspath} too
 */
public record SourceSettings(List<Location> locations, boolean recursive, Charset encoding,
		List<JavaMigration> javaMigrations, List<Path> javaMigrationClasspath, ClassLoader classLoader) {

	/**
	 * Copies the lists, so that the settings cannot change after the migrator is built.
	 * @param locations where migrations are found
	 * @param recursive whether sub-directories of a location are scanned
	 * @param encoding the encoding SQL migration files are saved in
	 * @param javaMigrations Java migrations given explicitly
	 * @param javaMigrationClasspath directories and jars of Java migration classes
	 * @param classLoader where classpath locations are scanned
	 */
	public SourceSettings {
		locations = List.copyOf(locations);
		javaMigrations = List.copyOf(javaMigrations);
		javaMigrationClasspath = List.copyOf(javaMigrationClasspath);
	}

}
