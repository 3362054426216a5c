package io.migrator.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes N trivial migrations ({@code CREATE TABLE tN (id int)}) twice: in goose format
 * for migrator and as {@code V{n}__t{n}.sql} for Flyway, same SQL in both.
 */
final class MigrationFiles {

	private MigrationFiles() {
	}

	static Path goose(Path parent, int count) {
		Path dir = parent.resolve("goose-" + count);
		write(dir, count, (n) -> String.format("%05d_t%d.sql", n, n),
				(n) -> "-- +goose Up\nCREATE TABLE t" + n + " (id int);\n\n-- +goose Down\nDROP TABLE t" + n + ";\n");
		return dir;
	}

	static Path flyway(Path parent, int count) {
		Path dir = parent.resolve("flyway-" + count);
		write(dir, count, (n) -> "V" + n + "__t" + n + ".sql", (n) -> "CREATE TABLE t" + n + " (id int);\n");
		return dir;
	}

	static Path tempDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void deleteRecursively(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temp directory left behind is harmless
		}
	}

	private static void write(Path dir, int count, java.util.function.IntFunction<String> name,
			java.util.function.IntFunction<String> content) {
		try {
			Files.createDirectories(dir);
			for (int n = 1; n <= count; n++) {
				Files.writeString(dir.resolve(name.apply(n)), content.apply(n));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
