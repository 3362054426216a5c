package io.migrator.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a seed-data migration of a given size: {@code CREATE TABLE seed}, then one
 * {@code INSERT INTO seed VALUES (...);} per line, each with a semicolon and a doubled
 * quote inside its string so the splitter has real work to do.
 */
final class SeedFile {

	static final String CREATE = "CREATE TABLE seed (id bigint, payload text);\n";

	private SeedFile() {
	}

	/**
	 * Writes the file.
	 * @param file where to write
	 * @param header what comes first ("-- +goose Up" for goose, nothing for Flyway)
	 * @param bytes the size to reach (the last line may go slightly over)
	 * @return the number of INSERT statements
	 */
	static long write(Path file, String header, long bytes) {
		long rows = 0;
		try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20)) {
			long written = 0;
			String start = header + CREATE;
			out.write(start);
			written += start.length();
			StringBuilder line = new StringBuilder(300);
			while (written < bytes) {
				rows++;
				line.setLength(0);
				line.append("INSERT INTO seed VALUES (").append(rows).append(", 'row ").append(rows)
					.append("; it''s seed data ");
				long x = rows * 0x9E3779B97F4A7C15L;
				while (line.length() < 220) {
					x ^= x << 13;
					x ^= x >>> 7;
					x ^= x << 17;
					line.append((char) ('a' + (int) ((x >>> 1) % 26)));
				}
				line.append("');\n");
				out.append(line);
				written += line.length();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
		return rows;
	}

}
