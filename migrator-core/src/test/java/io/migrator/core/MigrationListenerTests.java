package io.migrator.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class MigrationListenerTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	final List<String> events = new ArrayList<>();

	final MigrationListener recorder = new MigrationListener() {

		@Override
		public void beforeRun(String operation) {
			MigrationListenerTests.this.events.add("beforeRun " + operation);
		}

		@Override
		public void afterRun(RunResult result) {
			MigrationListenerTests.this.events
				.add("afterRun " + result.operation() + " " + result.migrations().size() + " -> " + result.versionAfter());
		}

		@Override
		public void runFailed(String operation, MigratorException failure) {
			MigrationListenerTests.this.events.add("runFailed " + operation + " " + failure.getErrorCode());
		}

		@Override
		public void beforeMigration(long version, String description, Direction direction) {
			MigrationListenerTests.this.events.add("before " + version + " " + description + " " + direction);
		}

		@Override
		public void afterMigration(MigrationResult result) {
			MigrationListenerTests.this.events.add("after " + result.version() + " " + result.outcome()
					+ ((result.error() != null) ? " error" : ""));
		}

	};

	@Test
	void listenersSeeEveryRunAndMigrationInOrder() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n");
		this.fixture.write("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n-- +goose Down\nDROP TABLE b;\n");
		Migrator migrator = this.fixture.builder().listeners(this.recorder).build();
		migrator.up();
		migrator.down();
		assertThat(this.events).containsExactly("beforeRun up", "before 1 a UP", "after 1 SUCCEEDED", "before 2 b UP",
				"after 2 SUCCEEDED", "afterRun up 2 -> 2", "beforeRun down", "before 2 b DOWN", "after 2 SUCCEEDED",
				"afterRun down 1 -> 1");
	}

	@Test
	void listenersSeeFailures() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		this.fixture.write("00002_b.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		Migrator migrator = this.fixture.builder().listeners(this.recorder).build();
		assertThat(catchThrowable(migrator::up)).isInstanceOf(MigrationFailedException.class);
		assertThat(this.events).containsExactly("beforeRun up", "before 1 a UP", "after 1 SUCCEEDED", "before 2 b UP",
				"after 2 FAILED error", "afterRun up 2 -> 1", "runFailed up MIGRATION_FAILED");
	}

}
