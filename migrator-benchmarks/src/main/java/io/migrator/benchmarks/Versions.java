package io.migrator.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.flywaydb.core.Flyway;

/**
 * Versions of what is measured, for the report.
 */
final class Versions {

	private Versions() {
	}

	static String flyway() {
		try (InputStream in = Flyway.class.getResourceAsStream("/org/flywaydb/core/internal/version.txt")) {
			return (in != null) ? new String(in.readAllBytes(), StandardCharsets.UTF_8).strip() : "?";
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static String pgjdbc() {
		return org.postgresql.util.DriverInfo.DRIVER_VERSION;
	}

}
