package io.migrator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Java migration sources ({@code .java}) in the migrations directories, which migrator
 * does not compile: found so that {@code status} and {@code check} report a migration that
 * would otherwise be silently missing, and say how to compile and load it.
 */
final class JavaSourceFiles {

	/** The class-name convention of Java migrations: letters, version, underscores, description. */
	private static final Pattern MIGRATION_CLASS = Pattern.compile("[A-Za-z]+(\\d+)_{1,2}\\w+\\.java");

	private JavaSourceFiles() {
	}

	/**
	 * A {@code .java} file whose migration is not loaded through {@code --classpath}.
	 *
	 * @param version the version its name encodes, 0 when it encodes none
	 * @param file the file
	 * @param message what to do about it
	 */
	record Unloaded(long version, Path file, String message) {
	}

	/**
	 * Lists the {@code .java} files of the directories (top level, as migrations are
	 * scanned) whose version no loaded Java migration has.
	 * @param directories the migrations directories
	 * @param loadedVersions the versions of the Java migrations loaded
	 * @return the files not loaded, in name order
	 */
	static List<Unloaded> unloaded(List<Path> directories, Set<Long> loadedVersions) {
		List<Unloaded> unloaded = new ArrayList<>();
		for (Path directory : directories) {
			if (!Files.isDirectory(directory)) {
				continue;
			}
			try (Stream<Path> files = Files.list(directory)) {
				files.filter((file) -> file.getFileName().toString().endsWith(".java") && Files.isRegularFile(file))
					.sorted()
					.forEach((file) -> {
						Matcher matcher = MIGRATION_CLASS.matcher(file.getFileName().toString());
						long version = matcher.matches() ? parseVersion(matcher.group(1)) : 0;
						if (version == 0 || !loadedVersions.contains(version)) {
							unloaded.add(new Unloaded(version, file, describe(file, version)));
						}
					});
			}
			catch (IOException ex) {
				// Listing the migrations themselves reports an unreadable directory with its reason.
			}
		}
		return unloaded;
	}

	private static long parseVersion(String digits) {
		try {
			return Long.parseLong(digits);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String describe(Path file, long version) {
		String what = (version > 0) ? "Java migration source " + file.getFileName() + " (version " + version + ")"
				: "Java source " + file.getFileName();
		Path classes = Path.of("migrator-classes");
		return what + " in " + file.getParent() + " is not loaded: migrator does not compile Java. Compile it with "
				+ "'javac -cp migrator.jar -d " + classes + " " + file + "' and pass --classpath " + classes
				+ ((version > 0) ? "; until then version " + version + " is not part of this run." : ".");
	}

}
