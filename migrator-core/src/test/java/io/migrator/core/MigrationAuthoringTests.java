package io.migrator.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import io.migrator.core.MigrationAuthoring.Rename;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationAuthoringTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-27T03:43:55Z"), ZoneOffset.ofHours(2));

	@TempDir
	Path directory;

	@Test
	void createSqlUsesTheUtcTimestampAndASnakeCaseName() throws IOException {
		Path file = authoring().createSql("AddUserEmail", false);
		assertThat(file.getFileName()).hasToString("20260427034355_add_user_email.sql");
		assertThat(Files.readString(file)).startsWith("-- +goose Up\n-- +goose StatementBegin\n")
			.contains("-- +goose Down");
	}

	@Test
	void createSqlSequentialFollowsTheHighestSequentialVersionAndItsPadding() throws IOException {
		write("0009_a.sql", "00000010_b.up.sql", "20250101000000_c.sql");
		assertThat(authoring().createSql("next one", true).getFileName()).hasToString("00000011_next_one.sql");
	}

	@Test
	void createSqlSequentialStartsAtOneWithFiveDigits() {
		assertThat(authoring().createSql("init", true).getFileName()).hasToString("00001_init.sql");
	}

	@Test
	void createRefusesAVersionThatExists() throws IOException {
		write("20260427034355_other.sql");
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> authoring().createSql("x", false))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.DUPLICATE_VERSION))
			.withMessageContaining("20260427034355_other.sql");
	}

	@Test
	void createRefusesANameWithoutLettersOrDigits() {
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> authoring().createSql(" - ", true))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION));
	}

	@Test
	void createJavaDerivesThePackageFromASourceDirectory() throws IOException {
		Path sources = this.directory.resolve("src/main/java/com/example/db/migration");
		Path file = MigrationAuthoring.forDirectory(sources, CLOCK).createJava("seed countries", false);
		assertThat(file.getFileName()).hasToString("V20260427034355__seed_countries.java");
		assertThat(Files.readString(file)).startsWith("package com.example.db.migration;\n")
			.contains("public class V20260427034355__seed_countries implements JavaMigration");
	}

	@Test
	void createJavaOutsideASourceTreeHasNoPackage() throws IOException {
		Path file = authoring().createJava("seed", true);
		assertThat(Files.readString(file)).startsWith("import io.migrator.core.JavaMigration;");
	}

	@Test
	void fixRenamesTimestampsInOrderAfterTheHighestSequential() throws IOException {
		write("00001_a.sql", "00002_b.sql", "20260427034355_d.sql", "20250101000000_c.up.sql",
				"20250101000000_c.down.sql", "readme.md");
		List<Rename> renames = authoring().fix();
		assertThat(renames).extracting(Rename::toVersion).containsExactly(3L, 3L, 4L);
		assertThat(files()).containsExactly("00001_a.sql", "00002_b.sql", "00003_c.down.sql", "00003_c.up.sql",
				"00004_d.sql", "readme.md");
	}

	@Test
	void fixWithoutTimestampsDoesNothing() throws IOException {
		write("00001_a.sql", "00002_b.sql");
		assertThat(authoring().fix()).isEmpty();
		assertThat(files()).containsExactly("00001_a.sql", "00002_b.sql");
	}

	@Test
	void fixTreatsFourteenDigitsThatAreNoDateAsSequential() throws IOException {
		write("99999999999999_a.sql", "20250101000000_b.sql");
		authoring().fix();
		assertThat(files()).containsExactly("100000000000000_b.sql", "99999999999999_a.sql");
	}

	@Test
	void fixRenamesJavaMigrationsAndTheirClass() throws IOException {
		write("00001_a.sql");
		Path java = authoring().createJava("seed", false);
		authoring().fix();
		assertThat(java).doesNotExist();
		assertThat(Files.readString(this.directory.resolve("V00002__seed.java")))
			.contains("public class V00002__seed implements");
	}

	@Test
	void fixRefusesTwoMigrationsWithOneTimestampAndRenamesNothing() throws IOException {
		write("00001_a.sql", "20250101000000_b.sql", "20260427034355_c.sql", "20260427034355_d.sql");
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> authoring().fix())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.DUPLICATE_VERSION))
			.withMessageContaining("20260427034355_c.sql")
			.withMessageContaining("20260427034355_d.sql");
		assertThat(files()).containsExactly("00001_a.sql", "20250101000000_b.sql", "20260427034355_c.sql",
				"20260427034355_d.sql");
	}

	@Test
	void fixRefusesWhenANewNameIsTaken() throws IOException {
		write("00001_a.sql", "20250101000000_b.sql");
		// A directory named like the target: not a migration file, but in the way.
		Files.createDirectory(this.directory.resolve("00002_b.sql"));
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> authoring().fix())
			.withMessageContaining("00002_b.sql, which already exists");
		assertThat(this.directory.resolve("20250101000000_b.sql")).exists();
	}

	private MigrationAuthoring authoring() {
		return MigrationAuthoring.forDirectory(this.directory, CLOCK);
	}

	private void write(String... names) throws IOException {
		for (String name : names) {
			Files.writeString(this.directory.resolve(name), "-- +goose Up\nSELECT 1;\n");
		}
	}

	private List<String> files() throws IOException {
		try (Stream<Path> paths = Files.list(this.directory)) {
			return paths.map((path) -> path.getFileName().toString()).sorted().toList();
		}
	}

}
