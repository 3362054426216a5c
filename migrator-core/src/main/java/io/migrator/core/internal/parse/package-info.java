/**
 * Parsing of SQL migration files: goose annotations, statement splitting that respects
 * PostgreSQL quoting and comments, and ENVSUB substitution. Works as a stream so that
 * files of any size parse with bounded memory. Private API.
 */
package io.migrator.core.internal.parse;
