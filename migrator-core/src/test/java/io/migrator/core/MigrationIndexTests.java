package io.migrator.core;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationIndexTests {

	private static final String INDEX = "db/migrations/migrator.index";

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	private Path classes;

	private Path location;

	@BeforeEach
	void createLocation() throws IOException {
		this.classes = this.fixture.directory().resolve("classes");
		this.location = Files.createDirectories(this.classes.resolve("db/migrations"));
	}

	@Test
	void noOpStartReadsTheIndexAndNoMigrationFile() throws IOException {
		for (int version = 1; version <= 50; version++) {
			writeMigration(String.format("%05d_t%d.sql", version, version),
					"-- +goose Up\nCREATE TABLE t" + version + " (id int);\n");
		}
		MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8);
		CountingResourceLoader loader = new CountingResourceLoader(this.classes);
		assertThat(migrator(loader).up().migrations()).hasSize(50);
		assertThat(loader.takeOpened()).contains(INDEX, "db/migrations/00001_t1.sql", "db/migrations/00050_t50.sql");

		RunResult noOp = migrator(loader).up();

		assertThat(noOp.migrations()).isEmpty();
		assertThat(loader.takeOpened()).containsExactly(INDEX);
		assertThat(migrator(loader).check().isValid()).isTrue();
		assertThat(loader.takeOpened()).containsExactly(INDEX);
	}

	@Test
	void pendingFileChangedAfterIndexingIsRefusedBeforeAnythingRuns() throws IOException {
		writeMigration("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		writeMigration("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8);
		CountingResourceLoader loader = new CountingResourceLoader(this.classes);
		migrator(loader).upTo(1);
		writeMigration("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int, edited_after_the_build int);\n");

		assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> migrator(loader).up())
			.satisfies((ex) -> assertThat(ex.getSource()).isEqualTo("db/migrations/00002_b.sql"))
			.withMessageContaining("the file's bytes changed after " + INDEX + " was built")
			.withMessageContaining("Rebuild the artifact");
		assertThat(this.fixture.tableExists("b")).isFalse();
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void pendingFileEditedAfterIndexingIntoAMalformedOneIsReportedAsEditedFirst() throws IOException {
		writeMigration("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8);
		writeMigration("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int, note text DEFAULT 'unterminated);\n");

		assertThatExceptionOfType(InvalidSourceException.class)
			.isThrownBy(() -> migrator(new CountingResourceLoader(this.classes)).up())
			.withMessageContaining("the file's bytes changed after " + INDEX + " was built");
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	@Test
	void validateHashesIndexedFilesAgainWhereTheNoOpTrustsTheIndex() throws IOException {
		writeMigration("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8);
		CountingResourceLoader loader = new CountingResourceLoader(this.classes);
		migrator(loader).up();
		writeMigration("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id bigint);\n");

		assertThat(migrator(loader).up().migrations()).isEmpty();
		assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> migrator(loader).validate())
			.withMessageContaining("db/migrations/00001_a.sql: the file's bytes changed after " + INDEX);
	}

	@Test
	void indexListsEveryFileWithItsChecksumAndTransactionFlag() throws IOException {
		writeMigration("00001_init.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		writeMigration("00002_index.sql",
				"-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n");
		writeMigration("00003_pair.up.sql", "CREATE TABLE c (id int);\n");
		writeMigration("00003_pair.down.sql", "DROP TABLE c;\n");
		writeMigration("README.md", "notes");
		writeMigration("archive/00004_old.sql", "-- +goose Up\nCREATE TABLE d (id int);\n");

		Path index = MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8);

		assertThat(index).isEqualTo(this.location.resolve("migrator.index"));
		assertThat(Files.readAllLines(index)).containsExactly("migrator-index\tformat=1\tfiles=6",
				"00001_init.sql\tsha256=" + sha256("00001_init.sql") + "\ttransaction=yes",
				"00002_index.sql\tsha256=" + sha256("00002_index.sql") + "\ttransaction=no",
				"00003_pair.down.sql\tsha256=" + sha256("00003_pair.down.sql") + "\ttransaction=yes",
				"00003_pair.up.sql\tsha256=" + sha256("00003_pair.up.sql") + "\ttransaction=yes\tmigration-sha256="
						+ sha256("00003_pair.up.sql", "00003_pair.down.sql"),
				"README.md\tsha256=" + sha256("README.md") + "\ttransaction=-",
				"archive/00004_old.sql\tsha256=" + sha256("archive/00004_old.sql") + "\ttransaction=yes");
	}

	@Test
	void indexedAndScannedLocationsRecordTheSameChecksums() throws IOException {
		writeMigration("00001_init.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		writeMigration("00002_pair.up.sql", "CREATE TABLE b (id int);\n");
		writeMigration("00002_pair.down.sql", "DROP TABLE b;\n");
		try (URLClassLoader scanned = new URLClassLoader(new URL[] { this.classes.toUri().toURL() }, null)) {
			migrator(scanned).up();
		}
		MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8);
		CountingResourceLoader indexed = new CountingResourceLoader(this.classes);

		assertThat(migrator(indexed).validate().isValid()).isTrue();
		assertThat(this.fixture.query("SELECT checksum FROM migrator_history ORDER BY version"))
			.containsExactly(sha256("00001_init.sql"), sha256("00002_pair.up.sql", "00002_pair.down.sql"));
	}

	@Test
	void staleIndexInADirectoryIsIgnoredAndTheDirectoryScanned() throws IOException {
		writeMigration("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8);
		writeMigration("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");

		try (URLClassLoader loader = new URLClassLoader(new URL[] { this.classes.toUri().toURL() }, null)) {
			assertThat(migrator(loader).up().migrations()).extracting(MigrationResult::version)
				.containsExactly(1L, 2L);
		}
		assertThat(this.fixture.tableExists("b")).isTrue();
	}

	@Test
	void indexInAJarIsTrustedWithoutListingTheJar() throws IOException {
		writeMigration("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		writeMigration("sub/00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8);
		// Packed after indexing, as no build does: only the index tells which files exist.
		writeMigration("00003_not_indexed.sql", "-- +goose Up\nCREATE TABLE c (id int);\n");
		Path jar = jarOf(this.classes);

		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			assertThat(migrator(loader).status().migrations()).extracting(MigrationInfo::version)
				.containsExactly(1L);
			assertThat(builder(loader).recursive(true).build().up().migrations())
				.extracting(MigrationResult::version)
				.containsExactly(1L, 2L);
		}
		assertThat(this.fixture.tableExists("b")).isTrue();
	}

	@Test
	void fileListedInTheIndexButMissingFromTheJarIsRefusedBeforeAnythingRuns() throws IOException {
		writeMigration("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		writeMigration("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8);
		Files.delete(this.location.resolve("00002_b.sql"));
		Path jar = jarOf(this.classes);

		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> migrator(loader).up())
				.withMessageStartingWith("db/migrations/00002_b.sql: " + INDEX + " lists the file, but it cannot be read")
				.withMessageEndingWith("Rebuild the artifact so that the index is written from the files it ships, or "
						+ "delete the stale index to have the location scanned");
		}
		assertThat(this.fixture.tableExists("a")).isFalse();
	}

	@Test
	void truncatedIndexIsRefusedWithWhatToDo() throws IOException {
		writeMigration("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		writeMigration("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		Path index = MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8);
		List<String> lines = Files.readAllLines(index);
		Files.write(index, lines.subList(0, 2));

		assertThatExceptionOfType(InvalidSourceException.class)
			.isThrownBy(() -> migrator(new CountingResourceLoader(this.classes)).status())
			.withMessage(INDEX + ":1: malformed migration index: the header announces 2 files but 1 follow (a "
					+ "truncated or hand-edited index). Rebuild the artifact so that migrator-maven-plugin writes the "
					+ "index again, or delete the index to have the location scanned");
	}

	@Test
	void malformedMigrationFailsWhenIndexing() throws IOException {
		writeMigration("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Sideways\n");

		assertThatExceptionOfType(InvalidSourceException.class)
			.isThrownBy(() -> MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8))
			.withMessageContaining("00001_a.sql:3: unknown annotation '-- +goose Sideways'");
		assertThat(this.location.resolve("migrator.index")).doesNotExist();
	}

	/**
	 * Reading a pending file to check it before the lock is taken also says how it runs,
	 * keeps its statements for the executor and hashes it against the index: one read where
	 * there were three (hash, check, run).
	 */
	@Test
	void upReadsAnIndexedPendingFileOnce() throws IOException {
		writeIndexedUsersMigration("-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\nDROP TABLE users;\n");
		CountingResourceLoader loader = new CountingResourceLoader(this.classes);

		assertThat(migrator(loader).up().migrations()).hasSize(1);

		assertThat(loader.takeOpened()).filteredOn("db/migrations/00001_users.sql"::equals).hasSize(1);
		assertThat(this.fixture.tableExists("users")).isTrue();
	}

	@Test
	void redoReadsTheFileOnceForBothDirections() throws IOException {
		writeIndexedUsersMigration("-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\nDROP TABLE users;\n");
		CountingResourceLoader loader = new CountingResourceLoader(this.classes);
		migrator(loader).up();
		loader.takeOpened();

		assertThat(migrator(loader).redo().migrations()).extracting(MigrationResult::direction)
			.containsExactly(Direction.DOWN, Direction.UP);

		assertThat(loader.takeOpened()).filteredOn("db/migrations/00001_users.sql"::equals).hasSize(1);
		assertThat(this.fixture.history()).containsExactly("1:applied");
	}

	@Test
	void aFileTooLargeToKeepInMemoryIsReadAgainWhenItRuns() throws IOException {
		StringBuilder seed = new StringBuilder("-- +goose Up\nCREATE TABLE users (id int, name text);\n");
		String row = "INSERT INTO users VALUES (1, '" + "x".repeat(1000) + "');\n";
		int rows = 0;
		while (seed.length() <= 1_100_000) {
			seed.append(row);
			rows++;
		}
		writeIndexedUsersMigration(seed.toString());
		CountingResourceLoader loader = new CountingResourceLoader(this.classes);

		migrator(loader).up();

		assertThat(loader.takeOpened()).filteredOn("db/migrations/00001_users.sql"::equals).hasSize(2);
		assertThat(this.fixture.query("SELECT count(*) FROM users")).containsExactly(String.valueOf(rows));
	}

	private Migrator migrator(ClassLoader loader) {
		return builder(loader).build();
	}

	private MigratorBuilder builder(ClassLoader loader) {
		return this.fixture.builder().locations("classpath:db/migrations").classLoader(loader);
	}

	private void writeIndexedUsersMigration(String content) throws IOException {
		writeMigration("00001_users.sql", content);
		MigrationAuthoring.forDirectory(this.location).writeIndex(StandardCharsets.UTF_8);
	}

	private void writeMigration(String name, String content) throws IOException {
		Files.createDirectories(this.location.resolve(name).getParent());
		Files.writeString(this.location.resolve(name), content, StandardCharsets.UTF_8);
	}

	private String sha256(String... names) throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String name : names) {
				digest.update(Files.readAllBytes(this.location.resolve(name)));
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Path jarOf(Path directory) throws IOException {
		Path jar = this.fixture.directory().resolve("migrations.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
				Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted().toList()) {
				String name = directory.relativize(path).toString().replace('\\', '/');
				if (name.isEmpty()) {
					continue;
				}
				out.putNextEntry(new JarEntry(Files.isDirectory(path) ? name + "/" : name));
				if (Files.isRegularFile(path)) {
					OutputStream entry = out;
					entry.write(Files.readAllBytes(path));
				}
				out.closeEntry();
			}
		}
		return jar;
	}

}
