package io.migrator.test;

import java.util.Objects;

import io.migrator.core.Migrator;

/**
 * Entry point of the kit's assertions about a migrator's migrations, run against the
 * migrator's real database (for instance one that {@link MigratorTest} gives a test).
 *
 * <pre class="code">
 * MigrationAssertions.assertThat(migrator)
 * 	.everyDownReversesItsUp()
 * 	.upDownUpGivesTheSameSchema()
 * 	.hasAppliedEveryMigration();
 * </pre>
 */
public final class MigrationAssertions {

	private MigrationAssertions() {
	}

	/**
	 * Starts assertions about a migrator's migrations.
	 * @param migrator the migrator, with a data source
	 * @return the assertions
	 */
	public static MigratorAssert assertThat(Migrator migrator) {
		Objects.requireNonNull(migrator, "'migrator' must not be null");
		if (migrator.configuration().dataSource() == null) {
			throw new IllegalArgumentException("The migrator has no data source: the assertions run migrations "
					+ "against a real database; build it with one, e.g. from MigrationTestDatabase.migrator()");
		}
		return new MigratorAssert(migrator);
	}

}
