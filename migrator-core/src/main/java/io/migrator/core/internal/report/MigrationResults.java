package io.migrator.core.internal.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.migrator.core.Direction;
import io.migrator.core.MigrationResult;
import io.migrator.core.Outcome;
import io.migrator.core.internal.source.MigrationSource;
import io.migrator.core.internal.source.SqlMigrationSource;

/**
 * Builds the results a run reports, and the sentences that say what a run did.
 */
public final class MigrationResults {

	private MigrationResults() {
	}

	/**
	 * Describes what became of one migration in one direction.
	 * @param source the migration
	 * @param direction which way it ran
	 * @param duration how long it took
	 * @param outcome what became of it
	 * @param error why it failed, or a note; {@code null} when there is nothing to say
	 * @return the result
	 */
	public static MigrationResult of(MigrationSource source, Direction direction, Duration duration, Outcome outcome,
			String error) {
		return new MigrationResult(source.version(), source.description(), source.type(), direction, duration,
				outcome, error, ranFrom(source, direction));
	}

	/**
	 * Returns the time since a {@link System#nanoTime()} reading.
	 * @param startedNanos the reading
	 * @return the elapsed time
	 */
	public static Duration elapsedSince(long startedNanos) {
		return Duration.ofNanos(System.nanoTime() - startedNanos);
	}

	/**
	 * Lists what a run did, e.g. {@code [1 up, 2 up]}.
	 * @param results the results so far
	 * @return version and direction of each result, failed ones included
	 */
	public static List<String> ran(List<MigrationResult> results) {
		return results.stream().map(MigrationResults::versionAndDirection).toList();
	}

	/**
	 * Describes what a run committed, for a report after a shutdown.
	 * @param results the results so far
	 * @return a clause such as "this run committed version(s) 1 up, 2 up"
	 */
	public static String committedBy(List<MigrationResult> results) {
		List<String> done = results.stream()
			.filter((result) -> !result.failed())
			.map(MigrationResults::versionAndDirection)
			.toList();
		return done.isEmpty() ? "this run committed no migration"
				: "this run committed version(s) " + String.join(", ", done);
	}

	private static String versionAndDirection(MigrationResult result) {
		return result.version() + " " + result.direction().name().toLowerCase(Locale.ROOT);
	}

	/** The file that ran: a pair's {@code .down.sql} when going down, else the source itself. */
	private static String ranFrom(MigrationSource source, Direction direction) {
		if (direction == Direction.DOWN && source instanceof SqlMigrationSource sql && sql.downFile() != null) {
			return sql.downFile().name();
		}
		return source.name();
	}

}
