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

	/** Marked applied without running ({@code baseline} or {@code adopt}). */
	BASELINE;

	/**
	 * Returns the value stored in the state column.
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static AppliedState fromId(String id) {
		return valueOf(id.trim().toUpperCase(Locale.ROOT));
	}

}
