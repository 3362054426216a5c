/**
 * Micrometer metrics and observations for migrator.
 */
package io.migrator.boot.actuate.metrics;
