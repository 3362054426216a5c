/**
 * What the configured migration locations hold, for the startup checks and health.
 */
package io.migrator.boot.source;
