package io.migrator.core;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationLocationTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void readsMigrationsFromAJarOnTheClasspath() throws IOException {
		Path jar = this.fixture.directory().resolve("migrations.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			directoryEntry(out, "db/");
			directoryEntry(out, "db/migrations/");
			fileEntry(out, "db/migrations/00001_create_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
			fileEntry(out, "db/migrations/00002_create_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
			directoryEntry(out, "db/migrations/archive/");
			fileEntry(out, "db/migrations/archive/00003_create_c.sql", "-- +goose Up\nCREATE TABLE c (id int);\n");
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			MigratorBuilder builder = this.fixture.builder().locations("classpath:db/migrations").classLoader(loader);
			StatusReport status = builder.build().status();
			assertThat(status.migrations()).extracting(MigrationInfo::version).containsExactly(1L, 2L);
			assertThat(status.migrations().get(0).source()).isEqualTo("db/migrations/00001_create_a.sql");
			assertThat(builder.recursive(true).build().up().migrations()).extracting(MigrationResult::version)
				.containsExactly(1L, 2L, 3L);
		}
		assertThat(this.fixture.tableExists("c")).isTrue();
	}

	@Test
	void scansSubdirectoriesOnlyWhenRecursive() throws IOException {
		Files.createDirectories(this.fixture.directory().resolve("2026"));
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.write("2026/00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		this.fixture.write("README.md", "not a migration");
		assertThat(this.fixture.migrator().status().migrations()).extracting(MigrationInfo::version)
			.containsExactly(1L);
		assertThat(this.fixture.builder().recursive(true).build().status().migrations())
			.extracting(MigrationInfo::version)
			.containsExactly(1L, 2L);
	}

	@Test
	void missingClasspathLocationHasNoMigrations() {
		assertThat(this.fixture.builder().locations("classpath:db/nothing-here").build().status().migrations())
			.isEmpty();
	}

	@Test
	void classpathMigrationsAreScannedOnceFilesystemOnesOnEveryOperation() throws IOException {
		Path classes = Files.createDirectories(this.fixture.directory().resolve("classes/db/migrations"));
		Files.writeString(classes.resolve("00001_a.sql"), "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		try (URLClassLoader loader = new URLClassLoader(
				new URL[] { this.fixture.directory().resolve("classes").toUri().toURL() }, null)) {
			Migrator fromClasspath = this.fixture.builder()
				.locations("classpath:db/migrations")
				.classLoader(loader)
				.build();
			Migrator fromFilesystem = this.fixture.migrator();
			assertThat(fromClasspath.status().migrations()).hasSize(1);
			assertThat(fromFilesystem.status().migrations()).hasSize(1);
			Files.writeString(classes.resolve("00002_b.sql"), "-- +goose Up\nCREATE TABLE b (id int);\n");
			this.fixture.write("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
			assertThat(fromClasspath.status().migrations()).hasSize(1);
			assertThat(fromFilesystem.status().migrations()).hasSize(2);
		}
	}

	@Test
	void everyFileOfALargeDirectoryIsRecordedWithTheChecksumOfItsBytes() throws Exception {
		// Enough files for the catalog to hash on several threads.
		java.util.Map<String, String> expected = new java.util.TreeMap<>();
		for (int version = 1; version <= 300; version++) {
			String content = "-- +goose Up\nCREATE TABLE t" + version + " (id int);\n" + "-- padding\n".repeat(version);
			this.fixture.write(String.format("%05d_t%d.sql", version, version), content);
			expected.put(Integer.toString(version), java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(content.getBytes(StandardCharsets.UTF_8))));
		}

		this.fixture.migrator().baseline(300);

		java.util.Map<String, String> recorded = new java.util.TreeMap<>();
		this.fixture.query("SELECT version || '|' || checksum FROM migrator_history")
			.forEach((row) -> recorded.put(row.substring(0, row.indexOf('|')), row.substring(row.indexOf('|') + 1)));
		assertThat(recorded).isEqualTo(expected);
	}

	private static void directoryEntry(JarOutputStream out, String name) throws IOException {
		out.putNextEntry(new JarEntry(name));
		out.closeEntry();
	}

	private static void fileEntry(JarOutputStream out, String name, String content) throws IOException {
		out.putNextEntry(new JarEntry(name));
		OutputStream entry = out;
		entry.write(content.getBytes(StandardCharsets.UTF_8));
		out.closeEntry();
	}

}
