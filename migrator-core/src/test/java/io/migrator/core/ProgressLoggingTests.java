package io.migrator.core;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLoggingTests {

	@TempDir
	Path directory;

	@Test
	void longMigrationLogsWhichOneIsRunningAndForHowLong() {
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		PrintStream original = System.err;
		try (EngineFixture fixture = new EngineFixture("progress", this.directory)) {
			fixture.write("00001_slow.sql", "-- +goose Up\nSELECT pg_sleep(0.7);\n");
			System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
			fixture.builder().progressInterval(Duration.ofMillis(200)).build().up();
		}
		finally {
			System.setErr(original);
		}
		String log = captured.toString(StandardCharsets.UTF_8);
		assertThat(log).contains("Running version 1 (slow) up from ", "00001_slow.sql");
		assertThat(log).contains("Still running version 1 (slow) up: 0 s so far");
		assertThat(log).contains("Finished version 1 (slow) up in ");
	}

}
