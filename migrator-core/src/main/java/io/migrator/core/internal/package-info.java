/**
 * Private API: the engine's implementation. No compatibility guarantees are provided;
 * types in {@code io.migrator.core} never expose or import anything from here.
 */
package io.migrator.core.internal;
