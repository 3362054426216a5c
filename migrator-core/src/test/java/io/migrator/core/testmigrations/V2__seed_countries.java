package io.migrator.core.testmigrations;

import java.sql.Statement;

import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationContext;

/**
 * A Java migration found by scanning a classpath location, between two SQL files.
 */
public class V2__seed_countries implements JavaMigration {

	@Override
	public void up(MigrationContext context) throws Exception {
		try (Statement statement = context.connection().createStatement()) {
			statement.execute("INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France')");
		}
	}

	@Override
	public void down(MigrationContext context) throws Exception {
		try (Statement statement = context.connection().createStatement()) {
			statement.execute("DELETE FROM countries");
		}
	}

}
