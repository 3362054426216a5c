/**
 * The migration status shared by health, the endpoint and the gauges.
 */
package io.migrator.boot.status;
