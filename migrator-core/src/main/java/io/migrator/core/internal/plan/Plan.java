package io.migrator.core.internal.plan;

import java.util.List;

import io.migrator.core.Direction;
import io.migrator.core.internal.source.MigrationSource;

/**
 * What the planner chose to run, in order, before the files of those migrations are read:
 * {@link SourceReader#steps} turns it into steps that know how they run.
 *
 * @param moves the migrations to run, each in one direction
 */
public record Plan(List<Move> moves) {

	public Plan {
		moves = List.copyOf(moves);
	}

	/**
	 * Returns whether there is nothing to run.
	 * @return whether the plan is empty
	 */
	public boolean isEmpty() {
		return this.moves.isEmpty();
	}

	/**
	 * One migration in one direction.
	 *
	 * @param source the migration
	 * @param direction which way
	 * @param historyRowOnly whether only its history row is removed (a down part is missing,
	 * as explicitly allowed)
	 */
	public record Move(MigrationSource source, Direction direction, boolean historyRowOnly) {
	}

}
