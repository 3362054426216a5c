package io.migrator.cli;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import io.migrator.core.ErrorCode;
import io.migrator.core.InvalidSourceException;
import io.migrator.core.JavaMigration;
import io.migrator.core.MigratorException;

/**
 * Compiled Java migrations from {@code --classpath} directories and jars: every top-level
 * class there that implements {@link JavaMigration}, loaded in a class loader of its own
 * whose parent provides the migrator API (so the classes need only migrator-core to
 * compile).
 */
final class JavaMigrationClasses {

	private static final JavaMigrationClasses NONE = new JavaMigrationClasses(List.of(), null);

	private final List<JavaMigration> migrations;

	private final ClassLoader classLoader;

	private JavaMigrationClasses(List<JavaMigration> migrations, ClassLoader classLoader) {
		this.migrations = migrations;
		this.classLoader = classLoader;
	}

	List<JavaMigration> migrations() {
		return this.migrations;
	}

	/**
	 * Returns the class loader over the {@code --classpath} entries, so that
	 * {@code classpath:} locations find SQL files packaged in those jars too.
	 * @return the class loader, or {@code null} without {@code --classpath}
	 */
	ClassLoader classLoader() {
		return this.classLoader;
	}

	/**
	 * Loads the migrations.
	 * @param classpath directories and jars
	 * @return the migrations found
	 * @throws MigratorException with {@link ErrorCode#INVALID_CONFIGURATION} for an entry that
	 * is neither a directory nor a jar
	 * @throws InvalidSourceException for a migration class that cannot be loaded or created
	 */
	static JavaMigrationClasses load(List<String> classpath) {
		if (classpath.isEmpty()) {
			return NONE;
		}
		List<Path> entries = new ArrayList<>();
		List<URL> urls = new ArrayList<>();
		for (String entry : classpath) {
			Path path = Path.of(entry).toAbsolutePath().normalize();
			if (!Files.isDirectory(path) && !(Files.isRegularFile(path) && path.toString().endsWith(".jar"))) {
				throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "--classpath " + entry + " is neither a "
						+ "directory nor a .jar file: compile the migrations (javac -cp migrator.jar -d classes "
						+ "V00001__seed.java) and pass the output directory or a jar of it");
			}
			entries.add(path);
			try {
				urls.add(path.toUri().toURL());
			}
			catch (MalformedURLException ex) {
				throw new IllegalStateException("A file path is always a URL: " + path, ex);
			}
		}
		// Lives as long as the command: the migrations run through it.
		URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), JavaMigration.class.getClassLoader());
		List<JavaMigration> migrations = new ArrayList<>();
		for (Path entry : entries) {
			for (String className : classNames(entry)) {
				JavaMigration migration = instantiate(className, loader, entry);
				if (migration != null) {
					migrations.add(migration);
				}
			}
		}
		return new JavaMigrationClasses(List.copyOf(migrations), loader);
	}

	private static List<String> classNames(Path entry) {
		List<String> names = new ArrayList<>();
		try {
			if (Files.isDirectory(entry)) {
				try (Stream<Path> files = Files.walk(entry)) {
					files.filter((file) -> file.toString().endsWith(".class")).forEach((file) -> {
						String relative = entry.relativize(file).toString().replace(java.io.File.separatorChar, '/');
						addClassName(relative, names);
					});
				}
			}
			else {
				try (JarFile jar = new JarFile(entry.toFile())) {
					Enumeration<JarEntry> jarEntries = jar.entries();
					while (jarEntries.hasMoreElements()) {
						addClassName(jarEntries.nextElement().getName(), names);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION,
					"Cannot read --classpath " + entry + ": " + ex.getMessage() + ". Check that it is readable.", ex);
		}
		names.sort(String::compareTo);
		return names;
	}

	private static void addClassName(String path, List<String> names) {
		// Nested and anonymous classes are parts of a migration, never migrations themselves.
		if (path.endsWith(".class") && !path.contains("$") && !path.startsWith("META-INF/")
				&& !path.endsWith("module-info.class") && !path.endsWith("package-info.class")) {
			names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
		}
	}

	private static JavaMigration instantiate(String className, ClassLoader loader, Path entry) {
		Class<?> type;
		try {
			type = Class.forName(className, false, loader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new InvalidSourceException(entry + "!" + className, 0, "cannot load the class: " + ex,
					"Compile it against this migrator version and put its dependencies in --classpath too");
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
					"Add a public no-argument constructor");
		}
		catch (ReflectiveOperationException ex) {
			throw new InvalidSourceException(className, 0, "cannot create the Java migration: " + ex.getCause(),
					"Fix its constructor");
		}
	}

}
