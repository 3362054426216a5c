package io.migrator.core;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SourceScanningTests {

	private static final Duration NEVER_BLOCKS = Duration.ofSeconds(20);

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void aMissingDirectoryIsNamedWithTheReason() {
		Path missing = this.fixture.directory().resolve("db/migrations");
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.builder().locations("filesystem:" + missing).build().up());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
		assertThat(failure.getMessage()).contains(missing.toString(), "does not exist", "Create it",
				"--dir, migrator.locations");
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void aFileGivenAsTheDirectoryIsNamedWithTheReason() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		Path file = this.fixture.directory().resolve("00001_a.sql");
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.builder().locations("filesystem:" + file).build().status());
		assertThat(failure.getMessage()).contains(file.toString(), "is not a directory but a file",
				"Point the location at the directory");
	}

	@Test
	void aNamedPipeCalledLikeAMigrationIsRefusedWithoutBeingOpened() throws Exception {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		makeFifo(this.fixture.directory().resolve("00002_b.sql"));
		InvalidSourceException failure = assertTimeoutPreemptively(NEVER_BLOCKS,
				() -> catchThrowableOfType(InvalidSourceException.class, () -> this.fixture.migrator().up()));
		assertThat(failure.getSource()).endsWith("/00002_b.sql");
		assertThat(failure.getMessage()).contains("is a named pipe (FIFO), not a regular file",
				"Replace it with a regular file");
		assertThat(this.fixture.tableExists("a")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void aNamedPipeNotCalledLikeAMigrationIsIgnoredWithoutBeingOpened() throws Exception {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		makeFifo(this.fixture.directory().resolve("notes.txt"));
		RunResult result = assertTimeoutPreemptively(NEVER_BLOCKS, () -> this.fixture.migrator().up());
		assertThat(result.migrations()).extracting(MigrationResult::version).containsExactly(1L);
	}

	@Test
	void aDirectoryCalledLikeAMigrationIsRefused() throws IOException {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		Files.createDirectory(this.fixture.directory().resolve("00002_b.sql"));
		InvalidSourceException failure = catchThrowableOfType(InvalidSourceException.class,
				() -> this.fixture.migrator().up());
		assertThat(failure.getSource()).endsWith("/00002_b.sql");
		assertThat(failure.getMessage()).contains("is a directory, but its name is that of a migration file",
				"a migration must be a file");
		assertThat(this.fixture.tableExists("a")).isFalse();
	}

	@Test
	void aDirectoryCalledLikeAMigrationIsRefusedWhenScanningRecursivelyToo() throws IOException {
		Files.createDirectories(this.fixture.directory().resolve("2026/00002_b.sql"));
		InvalidSourceException failure = catchThrowableOfType(InvalidSourceException.class,
				() -> this.fixture.builder().recursive(true).build().status());
		assertThat(failure.getSource()).endsWith("/2026/00002_b.sql");
	}

	@Test
	void aDanglingSymbolicLinkCalledLikeAMigrationIsRefused() throws IOException {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		Files.createSymbolicLink(this.fixture.directory().resolve("00002_b.sql"),
				this.fixture.directory().resolve("moved-away.sql"));
		InvalidSourceException failure = catchThrowableOfType(InvalidSourceException.class,
				() -> this.fixture.migrator().status());
		assertThat(failure.getMessage()).contains("00002_b.sql", "symbolic link whose target cannot be read",
				"does not exist");
	}

	@Test
	void hiddenEntriesLeftByEditorsAreIgnoredAsGooseIgnoresThem() throws IOException {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		Files.createSymbolicLink(this.fixture.directory().resolve(".#00001_a.sql"),
				Path.of("editor@host.12345:1700000000"));
		this.fixture.write("._00001_a.sql", "resource fork bytes");
		assertThat(this.fixture.migrator().up().migrations()).extracting(MigrationResult::version)
			.containsExactly(1L);
	}

	@Test
	void aSymbolicLinkToAMigrationFileIsFollowed() throws IOException {
		Path elsewhere = Files.createDirectories(this.fixture.directory().resolve("shared"));
		Files.writeString(elsewhere.resolve("a.sql"), "-- +goose Up\nCREATE TABLE a (id int);\n");
		Files.createSymbolicLink(this.fixture.directory().resolve("00001_a.sql"), elsewhere.resolve("a.sql"));
		assertThat(this.fixture.migrator().up().migrations()).extracting(MigrationResult::version)
			.containsExactly(1L);
		assertThat(this.fixture.tableExists("a")).isTrue();
	}

	@Test
	void aLocationThatIsADanglingSymbolicLinkIsNamedWithTheReason() throws IOException {
		Path link = Files.createSymbolicLink(this.fixture.directory().resolve("migrations"),
				this.fixture.directory().resolve("removed"));
		MigratorException failure = catchThrowableOfType(MigratorException.class,
				() -> this.fixture.builder().locations("filesystem:" + link).build().status());
		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
		assertThat(failure.getMessage()).contains(link.toString(), "is a symbolic link whose target does not exist");
	}

	@Test
	void inAJarGoMigrationsAreListedAndADirectoryCalledLikeAMigrationIsRefused() throws IOException {
		Path jar = this.fixture.directory().resolve("migrations.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			directories(out);
			entry(out, "db/migrations/00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
			entry(out, "db/migrations/00002_backfill.go", "package migrations\n");
			entry(out, "db/migrations/main.go", "package main\n");
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			StatusReport status = this.fixture.builder()
				.locations("classpath:db/migrations")
				.classLoader(loader)
				.build()
				.status();
			assertThat(status.migrations()).extracting(MigrationInfo::type)
				.containsExactly(MigrationType.SQL, MigrationType.GO);
		}
		Path withDirectory = this.fixture.directory().resolve("with-directory.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(withDirectory))) {
			directories(out);
			entry(out, "db/migrations/00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
			out.putNextEntry(new JarEntry("db/migrations/00002_b.sql/"));
			out.closeEntry();
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { withDirectory.toUri().toURL() }, null)) {
			InvalidSourceException failure = catchThrowableOfType(InvalidSourceException.class,
					() -> this.fixture.builder().locations("classpath:db/migrations").classLoader(loader).build()
						.status());
			assertThat(failure.getSource()).isEqualTo("db/migrations/00002_b.sql");
			assertThat(failure.getMessage()).contains("is a directory in jar:", "a migration must be a file");
		}
	}

	/** The directory entries a jar built by Maven has, which class loaders look up. */
	private static void directories(JarOutputStream out) throws IOException {
		out.putNextEntry(new JarEntry("db/"));
		out.closeEntry();
		out.putNextEntry(new JarEntry("db/migrations/"));
		out.closeEntry();
	}

	private static void entry(JarOutputStream out, String name, String content) throws IOException {
		out.putNextEntry(new JarEntry(name));
		out.write(content.getBytes(StandardCharsets.UTF_8));
		out.closeEntry();
	}

	private static void makeFifo(Path path) throws IOException, InterruptedException {
		Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
		assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(mkfifo.exitValue()).isZero();
	}

}
