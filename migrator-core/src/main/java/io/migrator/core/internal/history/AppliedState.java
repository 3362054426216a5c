package io.migrator.core.internal.history;

import java.util.Locale;

/**
 * The state column of a history row.
 */
public enum AppliedState {

	/** Ran to completion. */
	APPLIED,

	/** A NO TRANSACTION migration that started and has not finished (yet, or ever). */
	STARTED,

	/**
	 * The Down of a NO TRANSACTION migration that started and has not finished: part of it may
	 * be undone. Stored as {@code started_down} in the same text column, so older history
	 * tables need no change.
	 */
	STARTED_DOWN,

	/** Marked applied without running ({@code baseline} or {@code adopt}). */
	BASELINE;

	/**
	 * Returns the value stored in the state column.
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns whether the row is of a NO TRANSACTION migration that did not finish, in either
	 * direction: neither applied nor undone, and blocking until repaired.
	 * @return whether it is incomplete
	 */
	public boolean incomplete() {
		return this == STARTED || this == STARTED_DOWN;
	}

	static AppliedState fromId(String id) {
		return valueOf(id.trim().toUpperCase(Locale.ROOT));
	}

}
