/**
 * Testcontainers service connections for migrator.
 */
package io.migrator.boot.testcontainers;
