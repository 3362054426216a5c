package io.migrator.core;

/**
 * One inconsistency between the sources and the history table.
 *
 * @param kind what is wrong
 * @param version the version concerned
 * @param message what happened, where, and what to do
 */
public record ValidationProblem(Kind kind, long version, String message) {

	/**
	 * What is wrong.
	 */
	public enum Kind {

		/** An applied migration's source has a different checksum now. */
		CHECKSUM_CHANGED,

		/** An applied migration's source has a different description (a rename). */
		DESCRIPTION_CHANGED,

		/** A NO TRANSACTION migration started and did not finish. */
		INCOMPLETE,

		/** A version below the highest applied one is not applied and out-of-order is not allowed. */
		OUT_OF_ORDER,

		/** A version is not applied yet (reported by {@code check} only). */
		PENDING,

		/**
		 * A pending source would be refused by {@code up} before anything runs: a SQL file
		 * that does not parse (the message names file and line), or a goose Go migration
		 * with no Java migration of the same version.
		 */
		INVALID_SOURCE,

		/** The history table does not exist (reported by {@code check} only). */
		NO_HISTORY

	}

}
