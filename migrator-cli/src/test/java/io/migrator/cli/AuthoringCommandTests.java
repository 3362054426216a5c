package io.migrator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AuthoringCommandTests {

	@TempDir
	Path directory;

	@Test
	void createWritesATimestampedGooseFile() throws IOException {
		CliRun run = CliRun.of("create", "AddUsers", "--dir", this.directory.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(files()).singleElement().asString().matches("\\d{14}_add_users\\.sql");
		String content = Files.readString(this.directory.resolve(files().get(0)));
		assertThat(content).contains("-- +goose Up", "-- +goose Down", "-- +goose StatementBegin");
		assertThat(run.out()).contains("Created ");
	}

	@Test
	void createSequentialTakesTheNextNumber() throws IOException {
		Files.writeString(this.directory.resolve("00007_first.sql"), "-- +goose Up\nSELECT 1;\n");
		CliRun run = CliRun.of("--dir", this.directory.toString(), "create", "second", "sql", "--sequential",
				"--json");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.json().get("created").asString()).endsWith("00008_second.sql");
		assertThat(files()).containsExactly("00007_first.sql", "00008_second.sql");
	}

	@Test
	void createJavaWritesAMigrationClass() throws IOException {
		CliRun run = CliRun.of("create", "seed countries", "java", "-s", "--dir", this.directory.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(files()).containsExactly("V00001__seed_countries.java");
		assertThat(Files.readString(this.directory.resolve("V00001__seed_countries.java")))
			.contains("public class V00001__seed_countries implements JavaMigration");
	}

	@Test
	void createCreatesAMissingDirectory() {
		Path nested = this.directory.resolve("db/migrations");
		CliRun run = CliRun.of("create", "init", "--sequential", "--dir", nested.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(nested.resolve("00001_init.sql")).exists();
	}

	@Test
	void createWithoutAUsableNameExitsTwo() {
		CliRun run = CliRun.of("create", "%%", "--dir", this.directory.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("no letters or digits");
	}

	@Test
	void createOfAnUnknownKindExitsTwo() {
		assertThat(CliRun.of("create", "x", "go", "--dir", this.directory.toString()).exitCode()).isEqualTo(2);
	}

	@Test
	void fixRenumbersTimestampsAfterTheHighestSequentialKeepingOrder() throws IOException {
		write("00001_create_users.sql", "00002_create_orders.sql", "20260427034355_add_email.sql",
				"20260101120000_add_name.up.sql", "20260101120000_add_name.down.sql", "notes.txt");
		CliRun run = CliRun.of("fix", "--dir", this.directory.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(files()).containsExactly("00001_create_users.sql", "00002_create_orders.sql",
				"00003_add_name.down.sql", "00003_add_name.up.sql", "00004_add_email.sql", "notes.txt");
		assertThat(run.out()).contains("Renamed 20260427034355_add_email.sql -> 00004_add_email.sql");
	}

	@Test
	void fixReportsRenamesAsJson() throws IOException {
		write("00001_a.sql", "20260427034355_b.sql");
		CliRun run = CliRun.of("fix", "--json", "--dir", this.directory.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.json().get("renamed").get(0).get("fromVersion").asLong()).isEqualTo(20260427034355L);
		assertThat(run.json().get("renamed").get(0).get("toVersion").asLong()).isEqualTo(2);
	}

	@Test
	void fixRefusesACollisionAndRenamesNothing() throws IOException {
		write("00001_a.sql", "20260427034355_b.sql", "20260427034355_c.sql");
		CliRun run = CliRun.of("fix", "--dir", this.directory.toString());
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("20260427034355_b.sql", "20260427034355_c.sql", "Nothing was renamed");
		assertThat(files()).containsExactly("00001_a.sql", "20260427034355_b.sql", "20260427034355_c.sql");
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
