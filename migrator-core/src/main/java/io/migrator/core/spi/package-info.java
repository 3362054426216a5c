/**
 * Service-provider interfaces: how the public API finds its implementation.
 */
package io.migrator.core.spi;
