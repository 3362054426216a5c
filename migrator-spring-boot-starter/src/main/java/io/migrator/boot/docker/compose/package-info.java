/**
 * Docker Compose service connections for migrator.
 */
package io.migrator.boot.docker.compose;
