package io.migrator.boot.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.migrator.core.Location;
import io.migrator.core.UnreadableSourceException;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Looks into {@code classpath:} and {@code filesystem:} migration locations: whether they
 * exist, and how many migration files ({@code .sql}, {@code .class} of Java migrations,
 * goose {@code .go}) they hold directly and in sub-folders.
 */
public final class MigrationLocations {

	/** The build-time index of a classpath location, found where listing is impossible. */
	public static final String INDEX_FILE = "migrator.index";

	private final ClassLoader classLoader;

	private final PathMatchingResourcePatternResolver resolver;

	/**
	 * Creates an inspector for classpath locations of the given class loader.
	 * @param classLoader where classpath locations are looked up
	 */
	public MigrationLocations(ClassLoader classLoader) {
		this.classLoader = classLoader;
		this.resolver = new PathMatchingResourcePatternResolver(classLoader);
	}

	/**
	 * Looks into one location.
	 * @param location the location
	 * @return what it holds
	 */
	public Contents inspect(Location location) {
		if (location.isFilesystem()) {
			return inspectDirectory(location, Path.of(location.path()));
		}
		String path = location.path();
		if (this.classLoader.getResource(path + "/" + INDEX_FILE) != null) {
			// Not listed: the index is trusted to name what the location holds, and listing
			// a jar of 10,000 migrations twice cost a start more than the index saved.
			return new Contents(location, true, true, 0, 0);
		}
		if (this.classLoader.getResource(path) == null) {
			return new Contents(location, false, false, 0, 0);
		}
		int direct = countMigrations("classpath*:" + path + "/*");
		int nested = countMigrations("classpath*:" + path + "/*/**/*");
		return new Contents(location, true, false, direct, nested);
	}

	/**
	 * Returns the locations that hold no migration file where the scan looks (directly,
	 * or also in sub-folders when {@code recursive}).
	 * @param locations the locations
	 * @param recursive whether sub-folders are scanned
	 * @return the empty ones, in the given order
	 */
	public List<Location> empty(List<Location> locations, boolean recursive) {
		List<Location> empty = new ArrayList<>();
		for (Location location : locations) {
			boolean holdsMigrations = location.isFilesystem()
					? directoryHoldsMigrations(Path.of(location.path()), recursive)
					: inspect(location).holdsMigrations(recursive);
			if (!holdsMigrations) {
				empty.add(location);
			}
		}
		return empty;
	}

	private int countMigrations(String pattern) {
		try {
			int count = 0;
			for (Resource resource : this.resolver.getResources(pattern)) {
				if (isMigration(resource.getFilename())) {
					count++;
				}
			}
			return count;
		}
		catch (IOException ex) {
			throw new UnreadableSourceException(pattern, 0, "cannot be listed", ex,
					"Check that the jars and directories of the class path are readable");
		}
	}

	/**
	 * Stops at the first migration file: health checks ask this on every call, and counting
	 * walked the whole directory each time although the answer needs one file.
	 */
	private static boolean directoryHoldsMigrations(Path directory, boolean recursive) {
		if (!Files.isDirectory(directory)) {
			return false;
		}
		try (Stream<Path> files = recursive ? Files.walk(directory) : Files.list(directory)) {
			return files.anyMatch((file) -> isMigration(file.getFileName().toString()) && Files.isRegularFile(file));
		}
		catch (IOException | UncheckedIOException ex) {
			throw unlistable(directory, ex);
		}
	}

	private static Contents inspectDirectory(Location location, Path directory) {
		if (!Files.isDirectory(directory)) {
			return new Contents(location, false, false, 0, 0);
		}
		try (Stream<Path> files = Files.walk(directory)) {
			int direct = 0;
			int nested = 0;
			for (Path file : (Iterable<Path>) files::iterator) {
				if (Files.isRegularFile(file) && isMigration(file.getFileName().toString())) {
					if (file.getParent().equals(directory)) {
						direct++;
					}
					else {
						nested++;
					}
				}
			}
			return new Contents(location, true, false, direct, nested);
		}
		catch (IOException | UncheckedIOException ex) {
			throw unlistable(directory, ex);
		}
	}

	private static UnreadableSourceException unlistable(Path directory, Exception cause) {
		return new UnreadableSourceException(directory.toString(), 0, "cannot be listed", cause,
				"Check that the user that runs the application may read the directory and its sub-directories");
	}

	// What the scan picks up: SQL files, Java migration classes and goose .go files (listed,
	// so that they are replaced or refused); hidden entries are ignored, as goose does.
	private static boolean isMigration(String fileName) {
		if (fileName == null || fileName.startsWith(".")) {
			return false;
		}
		String name = fileName.toLowerCase(Locale.ROOT);
		return name.endsWith(".sql") || name.endsWith(".class") || name.endsWith(".go");
	}

	/**
	 * What one location holds.
	 *
	 * @param location the location
	 * @param exists whether the directory (or its index) exists
	 * @param indexed whether it has a build-time {@value #INDEX_FILE}, which lists its
	 * migrations where the class path cannot be listed (a native image)
	 * @param direct how many migration files are directly in it (0 when indexed: an
	 * indexed location is not listed)
	 * @param nested how many migration files are in its sub-folders (0 when indexed)
	 */
	public record Contents(Location location, boolean exists, boolean indexed, int direct, int nested) {

		/**
		 * Returns whether a scan finds migrations here.
		 * @param recursive whether sub-folders are scanned
		 * @return whether there is at least one migration where the scan looks (an
		 * indexed location is trusted to hold what its index lists)
		 */
		public boolean holdsMigrations(boolean recursive) {
			return this.indexed || this.direct > 0 || (recursive && this.nested > 0);
		}

	}

}
