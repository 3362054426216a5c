package io.migrator.benchmarks;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import io.migrator.core.Migrator;

/**
 * A migration tool under test: builds its engine for a directory and a DataSource (not
 * timed), then migrates (timed).
 */
enum Tool {

	MIGRATOR("migrator") {
		@Override
		Runnable prepare(DataSource dataSource, Path directory) {
			Migrator migrator = Migrator.builder()
				.dataSource(dataSource)
				.locations("filesystem:" + directory.toAbsolutePath())
				.build();
			return migrator::up;
		}

		@Override
		Path files(Path parent, int count) {
			return MigrationFiles.goose(parent, count);
		}
	},

	FLYWAY("Flyway " + Versions.flyway()) {
		@Override
		Runnable prepare(DataSource dataSource, Path directory) {
			Flyway flyway = Flyway.configure()
				.dataSource(dataSource)
				.locations("filesystem:" + directory.toAbsolutePath())
				.load();
			return flyway::migrate;
		}

		@Override
		Path files(Path parent, int count) {
			return MigrationFiles.flyway(parent, count);
		}
	};

	private final String label;

	Tool(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

	/** Builds the engine; the returned action migrates. */
	abstract Runnable prepare(DataSource dataSource, Path directory);

	/** Writes this tool's form of the N trivial migrations under {@code parent}. */
	abstract Path files(Path parent, int count);

}
