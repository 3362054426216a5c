package io.migrator.core;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLoggingTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void longMigrationLogsWhichOneIsRunningAndForHowLong() {
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		PrintStream original = System.err;
		this.fixture.write("00001_slow.sql", "-- +goose Up\nSELECT pg_sleep(0.7);\n");
		try {
			System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
			this.fixture.builder().progressInterval(Duration.ofMillis(200)).build().up();
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
