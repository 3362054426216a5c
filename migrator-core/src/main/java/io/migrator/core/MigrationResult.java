package io.migrator.core;

import java.time.Duration;

/**
 * What happened to one migration in a run.
 *
 * @param version the version
 * @param description the description, underscores shown as spaces
 * @param type SQL or Java
 * @param direction which way it ran
 * @param duration how long it took
 * @param outcome what happened
 * @param error the error message when the outcome is {@link Outcome#FAILED}, what was left
 * undone for {@link Outcome#HISTORY_ROW_REMOVED}, else {@code null}
 * @param source the file (or class) that ran in this direction: the {@code .down.sql} of a
 * pair when undone; {@code null} when not known
 */
public record MigrationResult(long version, String description, MigrationType type, Direction direction,
		Duration duration, Outcome outcome, String error, String source) {

	/**
	 * Creates a result whose source is not known.
	 * @param version the version
	 * @param description the description
	 * @param type SQL or Java
	 * @param direction which way it ran
	 * @param duration how long it took
	 * @param outcome what happened
	 * @param error the error message, or {@code null}
	 */
	public MigrationResult(long version, String description, MigrationType type, Direction direction,
			Duration duration, Outcome outcome, String error) {
		this(version, description, type, direction, duration, outcome, error, null);
	}

	/**
	 * Returns whether this migration failed.
	 * @return whether the outcome is {@link Outcome#FAILED}
	 */
	public boolean failed() {
		return this.outcome == Outcome.FAILED;
	}

}
