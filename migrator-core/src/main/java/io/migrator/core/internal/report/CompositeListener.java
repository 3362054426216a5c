package io.migrator.core.internal.report;

import java.util.List;

import io.migrator.core.Direction;
import io.migrator.core.MigrationListener;
import io.migrator.core.MigrationResult;
import io.migrator.core.MigratorException;
import io.migrator.core.RunResult;

/**
 * Calls every configured listener in order.
 */
public final class CompositeListener implements MigrationListener {

	private final List<MigrationListener> listeners;

	public CompositeListener(List<MigrationListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void beforeRun(String operation) {
		this.listeners.forEach((listener) -> listener.beforeRun(operation));
	}

	@Override
	public void afterRun(RunResult result) {
		this.listeners.forEach((listener) -> listener.afterRun(result));
	}

	@Override
	public void runFailed(String operation, MigratorException failure) {
		this.listeners.forEach((listener) -> listener.runFailed(operation, failure));
	}

	@Override
	public void beforeMigration(long version, String description, Direction direction) {
		this.listeners.forEach((listener) -> listener.beforeMigration(version, description, direction));
	}

	@Override
	public void afterMigration(MigrationResult result) {
		this.listeners.forEach((listener) -> listener.afterMigration(result));
	}

}
