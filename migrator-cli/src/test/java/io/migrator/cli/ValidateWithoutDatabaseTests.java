package io.migrator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateWithoutDatabaseTests {

	@TempDir
	Path directory;

	@Test
	void validateWithADirectoryAndNoUrlChecksTheFilesAlone() throws IOException {
		Files.writeString(this.directory.resolve("00001_a.sql"), "-- +goose Up\nCREATE TABLE a (id int);\n");
		Files.writeString(this.directory.resolve("00002_backfill.go"), "package migrations\n");
		CliRun run = CliRun.of(Map.of(), "validate", "--dir", this.directory.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("OK");
	}

	@Test
	void validateWithoutUrlExitsOneNamingFileAndLineOfAMalformedFile() throws IOException {
		Files.writeString(this.directory.resolve("00001_a.sql"), "-- +goose Up\nCREATE TABLE a (id int);\n");
		Files.writeString(this.directory.resolve("00002_b.sql"), "-- +goose Up\nCREATE TABLE b (id int)\n");
		CliRun run = CliRun.of(Map.of(), "validate", "--dir", this.directory.toString(), "--json");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.json().get("problems").get(0).get("kind").asText()).isEqualTo("invalid_source");
		assertThat(run.json().get("problems").get(0).get("message").asText()).contains("00002_b.sql:2");
	}

	@Test
	void otherCommandsStillNeedAUrl() {
		CliRun run = CliRun.of(Map.of(), "status", "--dir", this.directory.toString());
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("No database URL");
	}

}
