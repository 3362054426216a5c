package io.migrator.core;

import java.time.Duration;

/**
 * How concurrent migrating processes are kept apart.
 *
 * @param strategy the lock strategy
 * @param timeout how long to wait for the lock (and for a crashed run's history
 * transaction)
 * @param leaseDuration how long a table lease lives without a heartbeat; a third of it is
 * the heartbeat interval of the table and advisory locks
 */
public record LockSettings(LockStrategy strategy, Duration timeout, Duration leaseDuration) {
}
