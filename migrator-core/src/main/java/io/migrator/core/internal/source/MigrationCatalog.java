package io.migrator.core.internal.source;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;

import io.migrator.core.Direction;
import io.migrator.core.ErrorCode;
import io.migrator.core.InvalidSourceException;
import io.migrator.core.JavaMigration;
import io.migrator.core.Location;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.parse.SqlScriptFormat;

/**
 * Every migration of this build, in version order. Loading it checks file names, pairs
 * and duplicate versions; nothing here touches the database. goose Go migration files are
 * listed too (never skipped silently); a Java migration with the same version replaces one.
 */
public final class MigrationCatalog {

	/** Below this many files to hash, starting threads costs more than it saves. */
	private static final int PARALLEL_HASHING_THRESHOLD = 256;

	private final List<MigrationSource> sources;

	private final Map<Long, MigrationSource> byVersion;

	private MigrationCatalog(List<MigrationSource> sources) {
		this.sources = List.copyOf(sources);
		Map<Long, MigrationSource> index = new LinkedHashMap<>();
		sources.forEach((source) -> index.put(source.version(), source));
		this.byVersion = Collections.unmodifiableMap(index);
	}

	/**
	 * Scans the configured locations and adds the explicitly given Java migrations.
	 * @param configuration the configuration
	 * @return the catalog
	 * @throws InvalidSourceException for a file name that does not parse or an orphan
	 * {@code .down.sql}
	 * @throws MigratorException with {@link ErrorCode#DUPLICATE_VERSION} when two sources
	 * share a version
	 */
	public static MigrationCatalog load(MigratorConfiguration configuration) {
		LocationScanner scanner = new LocationScanner(configuration.source().classLoader(), configuration.source().recursive());
		List<MigrationSource> sources = new ArrayList<>();
		Set<String> explicitClasses = new HashSet<>();
		for (JavaMigration migration : configuration.source().javaMigrations()) {
			explicitClasses.add(migration.getClass().getName());
			sources.add(JavaMigrationSource.of(migration));
		}
		for (Path entry : configuration.source().javaMigrationClasspath()) {
			sources.addAll(javaSources(LocationScanner.scanClasspathEntry(entry), configuration.source().classLoader(),
					explicitClasses));
		}
		for (Location location : configuration.source().locations()) {
			List<ResourceFile> files = scanner.scan(location);
			sources.addAll(sqlSources(files));
			sources.addAll(goSources(files));
			if (!location.isFilesystem()) {
				sources.addAll(javaSources(files, configuration.source().classLoader(), explicitClasses));
			}
		}
		return new MigrationCatalog(sortedWithoutDuplicates(sources));
	}

	/**
	 * Makes a catalog of given sources, checked and ordered as {@link #load} does: for
	 * planning where the sources are already known.
	 * @param sources the sources, in any order
	 * @return the catalog
	 * @throws MigratorException with {@link ErrorCode#DUPLICATE_VERSION} when two sources
	 * share a version
	 */
	public static MigrationCatalog of(List<MigrationSource> sources) {
		return new MigrationCatalog(sortedWithoutDuplicates(new ArrayList<>(sources)));
	}

	/**
	 * Computes the checksum of every source now (taken from the index where a location has
	 * one), so that a run compares them with history without reading files later. Many
	 * files are hashed on one thread per processor: opening, reading and closing a small
	 * file costs system calls more than hashing, and a no-op start of a large directory
	 * spends most of its time there.
	 * @return this catalog
	 */
	public MigrationCatalog hashAll() {
		List<MigrationSource> unhashed = this.sources.stream()
			.filter((source) -> source instanceof SqlMigrationSource sql && !sql.isIndexed())
			.toList();
		int processors = Runtime.getRuntime().availableProcessors();
		if (unhashed.size() >= PARALLEL_HASHING_THRESHOLD && processors > 1) {
			// A pool of its own: the common pool may have a single worker (and this may be it).
			ForkJoinPool pool = new ForkJoinPool(processors);
			try {
				pool.submit(() -> unhashed.parallelStream().forEach(MigrationSource::checksum)).join();
			}
			finally {
				pool.shutdown();
			}
		}
		this.sources.forEach(MigrationSource::checksum);
		return this;
	}

	/**
	 * Hashes again the files of the given sources whose checksums came from a build-time
	 * index: before they are applied or undone, and by {@code validate}.
	 * @param sources the sources about to run or to be validated
	 * @throws InvalidSourceException for the first file whose bytes changed after its index
	 * was built
	 */
	public static void verifyAgainstIndex(Collection<? extends MigrationSource> sources) {
		for (MigrationSource source : sources) {
			if (source instanceof SqlMigrationSource sql) {
				sql.verifyAgainstIndex();
			}
		}
	}

	/**
	 * Returns every source in ascending version order.
	 * @return the sources
	 */
	public List<MigrationSource> sources() {
		return this.sources;
	}

	/**
	 * Finds the source of a version.
	 * @param version the version
	 * @return the source, or {@code null} when this build has none
	 */
	public MigrationSource find(long version) {
		return this.byVersion.get(version);
	}

	private static List<MigrationSource> sqlSources(List<ResourceFile> files) {
		Map<Long, ResourceFile> ups = new TreeMap<>();
		Map<Long, ResourceFile> downs = new TreeMap<>();
		Map<Long, String> pairDescriptions = new TreeMap<>();
		List<MigrationSource> sources = new ArrayList<>();
		for (ResourceFile file : files) {
			if (!MigrationFileName.isSql(file.fileName())) {
				continue;
			}
			MigrationFileName name = MigrationFileName.parse(file);
			if (name.pairDirection() == null) {
				sources.add(new SqlMigrationSource(name.version(), name.description(), SqlScriptFormat.GOOSE, file,
						null));
				continue;
			}
			Map<Long, ResourceFile> side = (name.pairDirection() == Direction.UP) ? ups : downs;
			ResourceFile previous = side.put(name.version(), file);
			if (previous != null) {
				throw duplicate(name.version(), List.of(previous.name(), file.name()));
			}
			String description = pairDescriptions.putIfAbsent(name.version(), name.description());
			if (description != null && !description.equals(name.description())) {
				ResourceFile up = ups.get(name.version());
				ResourceFile down = downs.get(name.version());
				throw new InvalidSourceException(down.name(), 0,
						"the down file's description does not match its up file " + up.name(),
						"Give both files the same name apart from .up.sql/.down.sql");
			}
		}
		for (Map.Entry<Long, ResourceFile> down : downs.entrySet()) {
			if (!ups.containsKey(down.getKey())) {
				throw new InvalidSourceException(down.getValue().name(), 0,
						"a .down.sql file has no matching .up.sql file",
						"Add the .up.sql file with the same version and description, or remove the orphan");
			}
		}
		ups.forEach((version, up) -> sources.add(new SqlMigrationSource(version, pairDescriptions.get(version),
				SqlScriptFormat.PLAIN, up, downs.get(version))));
		return sources;
	}

	private static List<MigrationSource> goSources(List<ResourceFile> files) {
		List<MigrationSource> sources = new ArrayList<>();
		for (ResourceFile file : files) {
			MigrationFileName name = MigrationFileName.parseGo(file.fileName());
			if (name != null) {
				sources.add(new GoMigrationSource(name.version(), name.description(), file));
			}
		}
		return sources;
	}

	private static List<MigrationSource> javaSources(List<ResourceFile> files, ClassLoader classLoader,
			Set<String> explicitClasses) {
		List<MigrationSource> sources = new ArrayList<>();
		for (ResourceFile file : files) {
			String name = file.name().startsWith("/") ? file.name().substring(1) : file.name();
			// Nested and anonymous classes are parts of a migration, never migrations themselves.
			if (!name.endsWith(".class") || name.contains("$") || name.startsWith("META-INF/")
					|| name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
				continue;
			}
			String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
			if (explicitClasses.contains(className)) {
				continue;
			}
			JavaMigration migration = instantiate(className, classLoader, file);
			if (migration != null) {
				sources.add(JavaMigrationSource.of(migration));
			}
		}
		return sources;
	}

	private static JavaMigration instantiate(String className, ClassLoader classLoader, ResourceFile file) {
		Class<?> type;
		try {
			type = Class.forName(className, false, classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new InvalidSourceException(file.name(), 0, "cannot load class " + className + ": " + ex,
					"Make sure the class is on the classpath with its dependencies");
		}
		if (!JavaMigration.class.isAssignableFrom(type) || type.isInterface()
				|| Modifier.isAbstract(type.getModifiers())) {
			return null;
		}
		try {
			Constructor<?> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			return (JavaMigration) constructor.newInstance();
		}
		catch (NoSuchMethodException ex) {
			throw new InvalidSourceException(className, 0, "the Java migration has no no-argument constructor",
					"Add one, or register the migration as an object (e.g. a Spring bean) instead");
		}
		catch (ReflectiveOperationException ex) {
			throw new InvalidSourceException(className, 0, "cannot create the Java migration: " + ex.getCause(),
					"Fix its constructor");
		}
	}

	private static List<MigrationSource> sortedWithoutDuplicates(List<MigrationSource> sources) {
		Map<Long, List<MigrationSource>> byVersion = sources.stream()
			.collect(Collectors.groupingBy(MigrationSource::version, TreeMap::new,
					Collectors.toCollection(ArrayList::new)));
		List<String> duplicates = new ArrayList<>();
		byVersion.forEach((version, group) -> {
			replaceGoMigrationByJava(group);
			if (group.size() > 1) {
				duplicates.add("version " + version + ": "
						+ group.stream().map(MigrationSource::name).collect(Collectors.joining(", ")));
			}
		});
		if (!duplicates.isEmpty()) {
			throw new MigratorException(ErrorCode.DUPLICATE_VERSION, "Two or more migrations share a version: "
					+ String.join("; ", duplicates) + ". Give each migration its own version "
					+ "(migrator's 'fix' renumbers timestamp versions in order).");
		}
		return byVersion.values().stream().map((group) -> group.get(0)).toList();
	}

	/**
	 * A Java migration with the version of a goose Go file is that file ported: it stands in
	 * for the file instead of clashing with it. Any other pair stays a duplicate.
	 */
	private static void replaceGoMigrationByJava(List<MigrationSource> group) {
		if (group.size() == 2 && group.stream().anyMatch(JavaMigrationSource.class::isInstance)
				&& group.stream().anyMatch(GoMigrationSource.class::isInstance)) {
			group.removeIf(GoMigrationSource.class::isInstance);
		}
	}

	private static MigratorException duplicate(long version, List<String> names) {
		return new MigratorException(ErrorCode.DUPLICATE_VERSION, "Two or more migrations share a version: version "
				+ version + ": " + String.join(", ", names) + ". Give each migration its own version.");
	}

}
