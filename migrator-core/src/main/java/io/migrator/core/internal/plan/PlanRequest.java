package io.migrator.core.internal.plan;

import io.migrator.core.Direction;

/**
 * What an operation asks the planner for.
 *
 * @param operation the operation's name, for messages
 * @param direction which way the operation moves
 * @param target going up, the highest version to apply; going down, the version to stop
 * above (0 undoes everything)
 * @param limit the most migrations to move
 * @param historyRowOnlyAllowed going down, whether a migration without a down part may be
 * "undone" by removing its history row only
 * @param upAgain whether each migration undone is applied again ({@code redo})
 */
public record PlanRequest(String operation, Direction direction, long target, int limit,
		boolean historyRowOnlyAllowed, boolean upAgain) {

	/**
	 * Asks for pending migrations to apply, ascending.
	 * @param operation the operation's name
	 * @param target the highest version to apply
	 * @param limit the most migrations to apply
	 * @return the request
	 */
	public static PlanRequest up(String operation, long target, int limit) {
		return new PlanRequest(operation, Direction.UP, target, limit, false, false);
	}

	/**
	 * Asks for applied migrations to undo, descending.
	 * @param operation the operation's name
	 * @param target the version to stop above
	 * @param limit the most migrations to undo
	 * @param historyRowOnlyAllowed whether a migration without a down part may lose its
	 * history row only
	 * @return the request
	 */
	public static PlanRequest down(String operation, long target, int limit, boolean historyRowOnlyAllowed) {
		return new PlanRequest(operation, Direction.DOWN, target, limit, historyRowOnlyAllowed, false);
	}

	/**
	 * Asks to undo the latest migration and apply it again.
	 * @return the request
	 */
	public static PlanRequest redo() {
		return new PlanRequest("redo", Direction.DOWN, 0, 1, false, true);
	}

}
