/**
 * Snapshots of a PostgreSQL schema read from the catalog, and the readable difference
 * between two of them. Object names in a snapshot are relative to the schema read, so a
 * scratch schema compares equal to the live schema it was built to match.
 * <p>
 * Public API: {@link io.migrator.core.snapshot.SchemaSnapshot},
 * {@link io.migrator.core.snapshot.SchemaDiff} and their value types.
 */
package io.migrator.core.snapshot;
