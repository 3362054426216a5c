package io.migrator.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import io.migrator.core.Migrator;

/**
 * The child JVM of the seed scenario (started with a small heap): applies the one
 * seed migration in a directory and prints one {@code RESULT} line.
 * <p>
 * Arguments: {@code migrator|flyway jdbcUrl user password directory}.
 */
public final class SeedApply {

	private SeedApply() {
	}

	public static void main(String[] args) {
		String tool = args[0];
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(args[1]);
		dataSource.setUser(args[2]);
		dataSource.setPassword(args[3]);
		Path directory = Path.of(args[4]);
		long started = System.nanoTime();
		String outcome;
		try {
			if (tool.equals("migrator")) {
				Migrator.builder().dataSource(dataSource).locations("filesystem:" + directory).build().up();
			}
			else {
				Flyway.configure().dataSource(dataSource).locations("filesystem:" + directory).load().migrate();
			}
			outcome = "ok rows=" + rows(dataSource);
		}
		catch (Throwable ex) {
			outcome = "failed " + ex.getClass().getName() + ": " + String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		System.out.println("RESULT millis=" + millis + " peakRssKiB=" + peakRssKiB() + " " + outcome);
	}

	private static long rows(PGSimpleDataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM seed")) {
			result.next();
			return result.getLong(1);
		}
	}

	static long peakRssKiB() {
		return peakRssKiB(Path.of("/proc/self/status"));
	}

	static long peakRssKiB(Path status) {
		try {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or the process is gone
		}
		return -1;
	}

}
