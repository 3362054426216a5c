package io.migrator.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.migrator.core.Location;
import io.migrator.core.MigrationAuthoring;
import io.migrator.core.MigratorException;

/**
 * Writes {@code migrator.index} into the build output copy of each classpath migration
 * location (e.g. {@code target/classes/db/migrations/migrator.index}): the application then
 * finds its migrations and their checksums by reading one resource, with no jar listing
 * (which a native image cannot do) and no hashing of every file at start. Bound to
 * {@code process-classes}: after the resources are copied and the classes compiled, so
 * that Java migrations compiled into a location's package are listed too, and before the
 * tests and the jar. Runs on every build, so the index always describes the files packed
 * next to it.
 */
@Mojo(name = "index", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class IndexMojo extends AbstractMojo {

	// The parameters are package-private so that tests can set what Maven injects.

	/**
	 * The classpath locations to index, as the application configures them. Default:
	 * {@code classpath:db/migrations}, migrator's default location.
	 */
	@Parameter(property = "migrator.index.locations", defaultValue = "classpath:db/migrations")
	List<String> locations;

	/**
	 * Where the locations' resources were copied. Default: the project's build output
	 * directory.
	 */
	@Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
	File outputDirectory;

	/**
	 * How the SQL files are encoded, as the application's {@code encoding} option says.
	 * Default: {@code UTF-8}.
	 */
	@Parameter(property = "migrator.index.encoding", defaultValue = "UTF-8")
	String encoding = "UTF-8";

	/**
	 * Whether to skip writing the index. Default: {@code false}.
	 */
	@Parameter(property = "migrator.index.skip", defaultValue = "false")
	boolean skip;

	@Override
	public void execute() throws MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping the migration index (migrator.index.skip)");
			return;
		}
		for (String location : this.locations) {
			Path directory = directoryOf(location);
			try {
				Path index = MigrationAuthoring.forDirectory(directory).writeIndex(encoding());
				getLog().info("Indexed " + location + ": " + (lineCount(index) - 1) + " file(s) in " + index);
			}
			catch (MigratorException ex) {
				throw new MojoFailureException("Cannot index " + location + ": " + ex.getMessage(), ex);
			}
		}
	}

	private Charset encoding() throws MojoFailureException {
		try {
			return Charset.forName(this.encoding);
		}
		catch (IllegalArgumentException ex) {
			throw new MojoFailureException("Unknown <encoding> '" + this.encoding + "': use a charset name such as "
					+ "UTF-8 or ISO-8859-1");
		}
	}

	private Path directoryOf(String configured) throws MojoFailureException {
		Location location;
		try {
			location = Location.parse(configured);
		}
		catch (MigratorException ex) {
			throw new MojoFailureException("Cannot index " + configured + ": " + ex.getMessage(), ex);
		}
		if (location.isFilesystem()) {
			throw new MojoFailureException("Cannot index " + configured + ": only classpath: locations are packed "
					+ "with the application; list only those in <locations>");
		}
		Path directory = this.outputDirectory.toPath().resolve(location.path());
		if (!Files.isDirectory(directory)) {
			throw new MojoFailureException("Cannot index " + configured + ": " + directory + " does not exist. Put the "
					+ "migrations under src/main/resources/" + location.path()
					+ ", or correct <locations> (the locations the application configures)");
		}
		return directory;
	}

	private static long lineCount(Path index) throws MojoFailureException {
		try (var lines = Files.lines(index)) {
			return lines.count();
		}
		catch (IOException ex) {
			throw new MojoFailureException("Cannot read back " + index, ex);
		}
	}

}
