package io.migrator.core;

/**
 * What happened to one migration in a run.
 */
public enum Outcome {

	/** Applied (direction up) or undone (direction down) and recorded. */
	SUCCEEDED,

	/** Failed; a transactional migration left nothing behind. */
	FAILED,

	/** Dry run: ran inside a transaction that was rolled back, without error. */
	VERIFIED,

	/** Dry run: a NO TRANSACTION migration, which cannot be tried and rolled back. */
	NOT_VERIFIABLE,

	/** Marked applied without running ({@code baseline} or {@code adopt}). */
	MARKED_APPLIED,

	/** Its history row was corrected or removed by {@code repair}. */
	REPAIRED,

	/**
	 * Down of a migration without a down part, explicitly allowed: only its history row was
	 * removed; its changes are still in the database.
	 */
	HISTORY_ROW_REMOVED

}
