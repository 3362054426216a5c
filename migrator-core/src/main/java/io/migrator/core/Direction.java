package io.migrator.core;

/**
 * Which way a migration runs.
 */
public enum Direction {

	/** Applies a migration. */
	UP,

	/** Undoes a migration. */
	DOWN

}
