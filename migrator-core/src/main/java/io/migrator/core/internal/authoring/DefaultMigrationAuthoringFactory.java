package io.migrator.core.internal.authoring;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

import io.migrator.core.MigrationAuthoring;
import io.migrator.core.spi.MigrationAuthoringFactory;

/**
 * Registered in {@code META-INF/services}: creates {@link DefaultMigrationAuthoring}.
 */
public final class DefaultMigrationAuthoringFactory implements MigrationAuthoringFactory {

	@Override
	public MigrationAuthoring create(Path directory, Clock clock) {
		Objects.requireNonNull(directory, "'directory' must not be null");
		Objects.requireNonNull(clock, "'clock' must not be null");
		return new DefaultMigrationAuthoring(directory, clock);
	}

}
