package io.migrator.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import io.migrator.core.MigrationAuthoring;

/**
 * Packs a directory of migrations into a jar under {@code db/migrations/}, as a build
 * packs {@code src/main/resources/db/migrations}: with the build-time index written by
 * {@link MigrationAuthoring#writeIndex(StandardCharsets.UTF_8)} (what {@code migrator-maven-plugin} does), or
 * without it.
 */
final class MigrationJars {

	private MigrationJars() {
	}

	static Path write(Path migrations, Path jar, boolean indexed) {
		Path staging = jar.resolveSibling(jar.getFileName() + ".d");
		try {
			Path location = Files.createDirectories(staging.resolve("db/migrations"));
			List<Path> sources;
			try (Stream<Path> paths = Files.list(migrations)) {
				sources = paths.sorted().toList();
			}
			for (Path source : sources) {
				Files.copy(source, location.resolve(source.getFileName().toString()));
			}
			if (indexed) {
				MigrationAuthoring.forDirectory(location).writeIndex(StandardCharsets.UTF_8);
			}
			try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
					Stream<Path> paths = Files.list(location)) {
				out.putNextEntry(new JarEntry("db/"));
				out.closeEntry();
				out.putNextEntry(new JarEntry("db/migrations/"));
				out.closeEntry();
				for (Path file : paths.sorted().toList()) {
					out.putNextEntry(new JarEntry("db/migrations/" + file.getFileName()));
					Files.copy(file, out);
					out.closeEntry();
				}
			}
			return jar;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot pack " + migrations + " into " + jar, ex);
		}
		finally {
			MigrationFiles.deleteRecursively(staging);
		}
	}

}
