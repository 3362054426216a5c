/**
 * Drift detection: the applied migrations replayed into a scratch schema, compared with
 * the live schema through {@link io.migrator.core.snapshot.SchemaSnapshot}. Private API.
 */
package io.migrator.core.internal.drift;
