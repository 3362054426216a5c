package io.migrator.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import io.migrator.core.Migrator;

/**
 * The child JVM of scenario 5: a fresh JVM (the CLI's situation) runs one no-op, then
 * more no-ops in the same JVM, and prints one {@code RESULT} line with the cold figures
 * (from JVM start, and the first call alone), the median of the warm calls, and the
 * peak resident memory.
 * <p>
 * Arguments: {@code migrator|flyway jdbcUrl user password directory warmCalls}.
 */
public final class NoOpChild {

	private NoOpChild() {
	}

	public static void main(String[] args) {
		long mainNanos = System.nanoTime();
		long mainEpochMillis = System.currentTimeMillis();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(args[1]);
		dataSource.setUser(args[2]);
		dataSource.setPassword(args[3]);
		String location = "filesystem:" + Path.of(args[4]).toAbsolutePath();
		Runnable noOp = args[0].equals("migrator")
				? () -> Migrator.builder().dataSource(dataSource).locations(location).build().up()
				: () -> Flyway.configure().dataSource(dataSource).locations(location).load().migrate();
		long started = System.nanoTime();
		noOp.run();
		long firstDone = System.nanoTime();
		double[] warm = new double[Integer.parseInt(args[5])];
		for (int i = 0; i < warm.length; i++) {
			long callStarted = System.nanoTime();
			noOp.run();
			warm[i] = (System.nanoTime() - callStarted) / 1e6;
		}
		Arrays.sort(warm);
		long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
		double jvmToFirstDone = (mainEpochMillis - jvmStart) + (firstDone - mainNanos) / 1e6;
		System.out.printf("RESULT jvmToFirstMs=%.1f firstCallMs=%.1f warmMedianMs=%.1f peakRssKiB=%d%n", jvmToFirstDone,
				(firstDone - started) / 1e6, (warm.length > 0) ? warm[warm.length / 2] : -1.0, SeedApply.peakRssKiB());
	}

}
