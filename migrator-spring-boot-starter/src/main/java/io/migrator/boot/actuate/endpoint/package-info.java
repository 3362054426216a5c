/**
 * Actuator endpoint for migrator.
 */
package io.migrator.boot.actuate.endpoint;
