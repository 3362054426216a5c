/**
 * Auto-configuration for migrator: properties, startup modes, failure analysis and the
 * actuator integrations.
 */
package io.migrator.boot.autoconfigure;
