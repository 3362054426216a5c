package io.migrator.core.internal.parse;

/**
 * How a SQL migration file is laid out.
 */
public enum SqlScriptFormat {

	/**
	 * One {@code <version>_<description>.sql} file whose {@code -- +goose Up} and
	 * {@code -- +goose Down} annotations open the two sections.
	 */
	GOOSE,

	/**
	 * golang-migrate's paired {@code .up.sql} and {@code .down.sql} files: the file name
	 * gives the direction of the whole file, and {@code Up}/{@code Down} annotations are
	 * not allowed. The other goose annotations still apply.
	 */
	PLAIN

}
