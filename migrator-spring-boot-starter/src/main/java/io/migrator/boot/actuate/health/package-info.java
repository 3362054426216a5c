/**
 * Health contributor for migrator.
 */
package io.migrator.boot.actuate.health;
