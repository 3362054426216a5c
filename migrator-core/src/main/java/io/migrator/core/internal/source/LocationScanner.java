package io.migrator.core.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.ErrorCode;
import io.migrator.core.InvalidSourceException;
import io.migrator.core.Location;
import io.migrator.core.MigratorException;
import io.migrator.core.UnreadableSourceException;

/**
 * Lists the files of {@code classpath:} and {@code filesystem:} locations: in a plain
 * directory, in a jar and in a Spring Boot fat jar (nested jar URLs).
 */
public final class LocationScanner {

	private static final Logger logger = LoggerFactory.getLogger(LocationScanner.class);

	private final ClassLoader classLoader;

	private final boolean recursive;

	public LocationScanner(ClassLoader classLoader, boolean recursive) {
		this.classLoader = classLoader;
		this.recursive = recursive;
	}

	/**
	 * Lists the files of one location, sorted by name.
	 * @param location the location
	 * @return the files found
	 */
	public List<ResourceFile> scan(Location location) {
		List<ResourceFile> files = new ArrayList<>();
		if (location.isFilesystem()) {
			Path directory = Path.of(location.path());
			scanDirectory(directory, directory.toString(), files);
		}
		else {
			String path = location.path();
			List<URL> roots = classpathRoots(path);
			Set<String> indexedRoots = new HashSet<>();
			for (URL index : classpathRoots(path + "/" + MigrationIndex.FILE_NAME)) {
				String base = index.toString().substring(0, index.toString().length() - MigrationIndex.FILE_NAME.length());
				if (addIndexed(index, base, path, files)) {
					indexedRoots.add(base);
				}
			}
			if (roots.isEmpty() && indexedRoots.isEmpty()) {
				logger.warn("Location {} does not exist on the classpath: no migrations found there", location);
			}
			for (URL root : roots) {
				String rootUrl = root.toString();
				if (!indexedRoots.contains(rootUrl.endsWith("/") ? rootUrl : rootUrl + "/")) {
					scanUrl(root, path, files);
				}
			}
		}
		files.sort((a, b) -> a.name().compareTo(b.name()));
		return files;
	}

	private List<URL> classpathRoots(String path) {
		try {
			return Collections.list(this.classLoader.getResources(path));
		}
		catch (IOException ex) {
			throw new UnreadableSourceException(Location.classpath(path).toString(), 0, "cannot be listed", ex,
					"Check that the jars and directories of the class path are readable");
		}
	}

	/**
	 * Adds the files an index lists, unless the index is provably stale. The index is
	 * found by its own name rather than through the location's directory, because a native
	 * image holds resources, not directories. File URLs are resolved with the index URL as
	 * context, so the handler that served the index (a class loader may have its own)
	 * serves the files too.
	 * @return {@code false} when the index was ignored and its root must be scanned
	 */
	private boolean addIndexed(URL indexUrl, String base, String path, List<ResourceFile> files) {
		String indexName = path + "/" + MigrationIndex.FILE_NAME;
		MigrationIndex index;
		try (InputStream in = indexUrl.openStream()) {
			index = MigrationIndex.read(indexName, in);
		}
		catch (IOException ex) {
			throw new UnreadableSourceException(indexName, 0, "cannot be read from " + indexUrl, ex,
					"Check that the artifact holding it is complete and readable");
		}
		Set<String> indexed = new TreeSet<>();
		index.entries().keySet().stream().filter((name) -> this.recursive || !name.contains("/")).forEach(indexed::add);
		if ("file".equals(indexUrl.getProtocol()) && !matchesDirectory(indexUrl, indexName, indexed)) {
			return false;
		}
		for (String name : indexed) {
			files.add(new ResourceFile.Indexed(path + "/" + name, indexUrl, base + name, index.entries().get(name),
					indexName));
		}
		return true;
	}

	/**
	 * Listing a directory costs little next to reading its files, so an index in a
	 * directory (an IDE's {@code target/classes}, where resources are copied without the
	 * build that writes the index) is checked against the names it lists.
	 */
	private boolean matchesDirectory(URL indexUrl, String indexName, Set<String> indexed) {
		Path directory;
		try {
			directory = Path.of(indexUrl.toURI()).getParent();
		}
		catch (URISyntaxException ex) {
			throw unusableUrl(indexUrl, ex);
		}
		List<ResourceFile> listed = new ArrayList<>();
		scanDirectory(directory, "", listed);
		Set<String> present = new TreeSet<>();
		for (ResourceFile file : listed) {
			String name = file.name().substring(1);
			if (!name.equals(MigrationIndex.FILE_NAME)) {
				present.add(name);
			}
		}
		if (present.equals(indexed)) {
			return true;
		}
		Set<String> onlyIndexed = new TreeSet<>(indexed);
		onlyIndexed.removeAll(present);
		Set<String> onlyPresent = new TreeSet<>(present);
		onlyPresent.removeAll(indexed);
		logger.warn("{} is stale: it lists {} file(s) that are gone ({}) and misses {} that exist ({}). Scanning {} "
				+ "instead; rebuild (the migrator-maven-plugin 'index' goal) to refresh the index", indexName,
				onlyIndexed.size(), onlyIndexed, onlyPresent.size(), onlyPresent, directory);
		return false;
	}

	/**
	 * Lists every file of a class path entry of Java migrations, whatever the scanner's
	 * recursion: their classes sit in package directories. Names are relative to the entry
	 * and start with {@code /}, e.g. {@code /com/example/V1__seed.class}.
	 * @param entry a directory or a jar
	 * @return the files found
	 */
	public static List<ResourceFile> scanClasspathEntry(Path entry) {
		List<ResourceFile> files = new ArrayList<>();
		if (Files.isDirectory(entry)) {
			DirectoryListing.list(entry, "", true, files);
			return files;
		}
		try (JarFile jar = new JarFile(entry.toFile())) {
			new LocationScanner(null, true).scanJar(new URL("jar:" + entry.toUri() + "!/"), jar, "", "", files);
		}
		catch (IOException ex) {
			throw new UnreadableSourceException(entry.toString(), 0, "cannot be read", ex,
					"Check that the jar is complete and readable");
		}
		return files;
	}

	private void scanUrl(URL root, String path, List<ResourceFile> files) {
		if ("file".equals(root.getProtocol())) {
			try {
				scanDirectory(Path.of(root.toURI()), path, files);
			}
			catch (URISyntaxException ex) {
				throw unusableUrl(root, ex);
			}
			return;
		}
		try {
			URLConnection connection = root.openConnection();
			if (!(connection instanceof JarURLConnection jarConnection)) {
				throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "Cannot scan classpath location "
						+ path + " at " + root + ": only directories and jar files are supported");
			}
			jarConnection.setUseCaches(false);
			try (JarFile jar = jarConnection.getJarFile()) {
				scanJar(root, jar, jarConnection.getEntryName(), path, files);
			}
		}
		catch (IOException ex) {
			throw new UnreadableSourceException(Location.classpath(path).toString(), 0, "cannot be read at " + root, ex,
					"Check that the jar is complete and readable");
		}
	}

	private void scanJar(URL root, JarFile jar, String rootEntry, String path, List<ResourceFile> files)
			throws MalformedURLException {
		String prefix = (rootEntry == null || rootEntry.isEmpty()) ? "" : stripSlashes(rootEntry) + "/";
		String rootUrl = root.toString();
		String base = rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
		Enumeration<JarEntry> entries = jar.entries();
		while (entries.hasMoreElements()) {
			JarEntry entry = entries.nextElement();
			String name = entry.getName();
			if (!name.startsWith(prefix)) {
				continue;
			}
			String relative = stripSlashes(name.substring(prefix.length()));
			if (relative.isEmpty() || (!this.recursive && relative.contains("/"))) {
				continue;
			}
			if (entry.isDirectory()) {
				if (MigrationFileName.isSql(relative)) {
					throw new InvalidSourceException(path + "/" + relative, 0,
							"is a directory in " + root + ", but its name is that of a migration file",
							"Rename or move the directory: a migration must be a file");
				}
				continue;
			}
			files.add(new ResourceFile.AtUrl(path + "/" + relative, new URL(base + relative)));
		}
	}

	private void scanDirectory(Path directory, String displayPrefix, List<ResourceFile> files) {
		DirectoryListing.list(directory, displayPrefix, this.recursive, files);
	}

	/**
	 * A class loader handed out a {@code file:} URL that is not a valid URI (e.g. an
	 * unescaped space), so it cannot be turned into a path to list.
	 */
	private static UnreadableSourceException unusableUrl(URL url, URISyntaxException ex) {
		return new UnreadableSourceException(url.toString(), 0, "cannot be listed: the class loader gave a URL that "
				+ "is not a valid URI", ex, "Use a class loader whose URLs escape special characters");
	}

	private static String stripSlashes(String path) {
		String stripped = path;
		while (stripped.startsWith("/")) {
			stripped = stripped.substring(1);
		}
		while (stripped.endsWith("/")) {
			stripped = stripped.substring(0, stripped.length() - 1);
		}
		return stripped;
	}

}
