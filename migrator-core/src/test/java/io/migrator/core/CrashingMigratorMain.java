package io.migrator.core;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The child JVM that the fault tests kill with {@code kill -9} or stop with SIGTERM in the
 * middle of a migration. Arguments: JDBC URL, user, password, migration directory, lock
 * strategy, lease in milliseconds, and optionally a version to run {@code down-to} instead
 * of {@code up}.
 */
final class CrashingMigratorMain {

	private CrashingMigratorMain() {
	}

	/**
	 * Starts a child JVM that runs {@code up} on the fixture's database and directory.
	 * @param fixture the database and migration directory
	 * @param strategy the lock strategy
	 * @param lease the table lock's lease
	 * @param log where the child's output goes
	 * @return the running child
	 */
	static Process start(EngineFixture fixture, LockStrategy strategy, Duration lease, File log) throws IOException {
		return start(log, arguments(fixture, strategy, lease));
	}

	/**
	 * Starts a child JVM that runs {@code down-to} on the fixture's database and directory,
	 * with the default lock.
	 * @param fixture the database and migration directory
	 * @param target the version to undo down to
	 * @param log where the child's output goes
	 * @return the running child
	 */
	static Process startDownTo(EngineFixture fixture, long target, File log) throws IOException {
		List<String> arguments = new ArrayList<>(arguments(fixture, LockStrategy.AUTO, Duration.ofSeconds(30)));
		arguments.add(String.valueOf(target));
		return start(log, arguments);
	}

	private static List<String> arguments(EngineFixture fixture, LockStrategy strategy, Duration lease) {
		return List.of(fixture.database().jdbcUrl(), fixture.database().user(), fixture.database().password(),
				fixture.directory().toString(), strategy.name(), String.valueOf(lease.toMillis()));
	}

	private static Process start(File log, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-cp", System.getProperty("java.class.path"), CrashingMigratorMain.class.getName()));
		command.addAll(arguments);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	public static void main(String[] args) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(args[0]);
		dataSource.setUser(args[1]);
		dataSource.setPassword(args[2]);
		Migrator migrator = Migrator.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + args[3])
			.useEnvironmentVariables(false)
			.lockStrategy(LockStrategy.valueOf(args[4]))
			.lockLeaseDuration(Duration.ofMillis(Long.parseLong(args[5])))
			.build();
		if (args.length > 6) {
			migrator.downTo(Long.parseLong(args[6]));
		}
		else {
			migrator.up();
		}
		System.out.println("finished: the test should have killed this process");
	}

}
