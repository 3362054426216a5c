/**
 * Private API: writing and renaming migration files ({@code create} and {@code fix}).
 * No compatibility guarantees are provided.
 */
package io.migrator.core.internal.authoring;
