package io.migrator.core;

import java.time.Duration;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The child JVM that {@link CrashRecoveryTests} kills with {@code kill -9} in the middle of
 * a migration. Arguments: JDBC URL, user, password, migration directory, lock strategy,
 * lease in milliseconds.
 */
final class CrashingMigratorMain {

	private CrashingMigratorMain() {
	}

	public static void main(String[] args) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(args[0]);
		dataSource.setUser(args[1]);
		dataSource.setPassword(args[2]);
		Migrator.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + args[3])
			.useEnvironmentVariables(false)
			.lockStrategy(LockStrategy.valueOf(args[4]))
			.lockLeaseDuration(Duration.ofMillis(Long.parseLong(args[5])))
			.build()
			.up();
		System.out.println("finished: the test should have killed this process");
	}

}
