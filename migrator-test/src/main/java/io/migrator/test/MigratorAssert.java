package io.migrator.test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationResult;
import io.migrator.core.MigrationState;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorException;
import io.migrator.core.RunResult;
import io.migrator.core.ValidationResult;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions about one migrator's migrations; each runs migrations against the migrator's
 * database and leaves every migration applied. Create with
 * {@link MigrationAssertions#assertThat(Migrator)}. Failures are
 * {@link AssertionFailedError}s naming the version and file, with the schema difference
 * (and, where schemas are compared, the two schemas as expected and actual values for an
 * IDE's comparison view).
 */
public final class MigratorAssert {

	private static final String FIND_THE_MIGRATION = "everyDownReversesItsUp() names the migration whose Down falls "
			+ "short.";

	private final Migrator migrator;

	MigratorAssert(Migrator migrator) {
		this.migrator = migrator;
	}

	/**
	 * Checks, migration by migration in version order, that Down undoes Up: for every
	 * pending migration, the schema before its Up equals the schema after its Up and its
	 * Down; it is then applied again and the next one is checked. Stops at the first that
	 * does not, reporting the difference. Schemas are compared in full (every schema of the
	 * database but PostgreSQL's own; the history and lock tables left out), data is not.
	 * @return this, with every migration applied
	 * @throws AssertionFailedError when a Down does not restore the schema, a migration has
	 * no Down, a migration fails, or nothing is pending
	 */
	public MigratorAssert everyDownReversesItsUp() {
		return everyDownReversesItsUpExcept();
	}

	/**
	 * Like {@link #everyDownReversesItsUp()}, leaving out migrations that cannot be undone
	 * on purpose (a data migration without Down, a dropped column whose data is gone): they
	 * are applied in their turn and not undone.
	 * @param irreversible the versions to leave out; each must be pending
	 * @return this, with every migration applied
	 * @throws AssertionFailedError as {@link #everyDownReversesItsUp()} does
	 * @throws IllegalArgumentException when a version to leave out is not pending
	 */
	public MigratorAssert everyDownReversesItsUpExcept(long... irreversible) {
		List<MigrationInfo> migrations = run("Reading the status", this.migrator::status).migrations();
		List<MigrationInfo> outOfOrder = migrations.stream()
			.filter((info) -> info.state() == MigrationState.OUT_OF_ORDER)
			.toList();
		if (!outOfOrder.isEmpty()) {
			// Down undoes the highest applied version, which would not be the one just applied.
			throw new AssertionFailedError("Pending " + describe(outOfOrder.get(0)) + " is below the highest applied "
					+ "version " + this.migrator.version() + ", so its Down cannot be checked in version order. Check on "
					+ "a database where nothing is applied yet, such as the fresh one @MigratorTest gives each test.");
		}
		List<MigrationInfo> pending = migrations.stream()
			.filter((info) -> info.state() == MigrationState.PENDING)
			.toList();
		if (pending.isEmpty()) {
			throw new AssertionFailedError("No migration is pending, so no Down can be checked against its Up (current "
					+ "version " + this.migrator.version() + "). Check on a database where they are pending, such as "
					+ "the fresh one @MigratorTest gives each test.");
		}
		Set<Long> leftOut = LongStream.of(irreversible).boxed().collect(Collectors.toCollection(TreeSet::new));
		pending.forEach((migration) -> leftOut.remove(migration.version()));
		if (!leftOut.isEmpty()) {
			throw new IllegalArgumentException("Versions to leave out " + leftOut + " are not pending; pending are "
					+ pending.stream().map(MigrationInfo::version).toList());
		}
		Set<Long> skipped = LongStream.of(irreversible).boxed().collect(Collectors.toSet());
		for (MigrationInfo migration : pending) {
			String which = describe(migration);
			if (skipped.contains(migration.version())) {
				expectOnly(run("Up of " + which, this.migrator::upByOne), migration, "Up");
				continue;
			}
			DatabaseSchemas before = DatabaseSchemas.read(this.migrator.configuration());
			RunResult up = run("Up of " + which, this.migrator::upByOne);
			expectOnly(up, migration, "Up");
			RunResult down = runDown(migration);
			DatabaseSchemas after = DatabaseSchemas.read(this.migrator.configuration());
			String differences = before.differencesTo(after);
			if (differences != null) {
				throw new AssertionFailedError("Down of " + which + downSource(down, migration)
						+ " does not reverse its Up: the schema after Up and Down differs from the schema before Up "
						+ DatabaseSchemas.LEGEND + ":\n" + differences + "Make the Down undo exactly what the Up does.",
						before.toText(), after.toText());
			}
			run("Up of " + which + " after its Down", this.migrator::upByOne);
		}
		return this;
	}

	/**
	 * Checks that applying every migration, undoing every one and applying them again gives
	 * the same schema as the first time; and, when nothing was applied at the start, that
	 * undoing every migration returns the schema as it was before.
	 * @return this, with every migration applied
	 * @throws AssertionFailedError when the schemas differ or a migration fails
	 */
	public MigratorAssert upDownUpGivesTheSameSchema() {
		boolean startsEmpty = run("Reading the version", this.migrator::version) == 0;
		DatabaseSchemas start = startsEmpty ? DatabaseSchemas.read(this.migrator.configuration()) : null;
		run("Up of all migrations", this.migrator::up);
		DatabaseSchemas firstUp = DatabaseSchemas.read(this.migrator.configuration());
		run("Down of all migrations", () -> this.migrator.downTo(0));
		if (startsEmpty) {
			DatabaseSchemas allDown = DatabaseSchemas.read(this.migrator.configuration());
			String differences = start.differencesTo(allDown);
			if (differences != null) {
				throw new AssertionFailedError("Down of all migrations does not return the schema to what it was before "
						+ "the first Up " + DatabaseSchemas.LEGEND + ":\n" + differences + FIND_THE_MIGRATION,
						start.toText(), allDown.toText());
			}
		}
		run("Up of all migrations after down of all", this.migrator::up);
		DatabaseSchemas secondUp = DatabaseSchemas.read(this.migrator.configuration());
		String differences = firstUp.differencesTo(secondUp);
		if (differences != null) {
			throw new AssertionFailedError("Up of all migrations after down of all gives another schema than the first "
					+ "up of all " + DatabaseSchemas.LEGEND + ":\n" + differences + FIND_THE_MIGRATION, firstUp.toText(),
					secondUp.toText());
		}
		return this;
	}

	/**
	 * Checks that the database has exactly the migrations of this build applied: nothing
	 * pending, no applied version without its file, no file changed since it was applied,
	 * nothing incomplete ({@link Migrator#check()}, the startup guard's check).
	 * @return this
	 * @throws AssertionFailedError naming each inconsistency
	 */
	public MigratorAssert hasAppliedEveryMigration() {
		ValidationResult check = run("Check", this.migrator::check);
		if (!check.isValid()) {
			throw new AssertionFailedError("The applied migrations are not the migrations of this build ("
					+ check.problems().size() + ((check.problems().size() == 1) ? " problem" : " problems") + "):\n"
					+ check.problems()
						.stream()
						.map((problem) -> "- " + problem.kind() + " version " + problem.version() + ": "
								+ problem.message())
						.collect(Collectors.joining("\n")));
		}
		return this;
	}

	/**
	 * Dry-runs the pending migrations ({@link Migrator#dryRun()}: every pending
	 * transactional migration runs in one transaction that is rolled back) and checks that
	 * none fails. NO TRANSACTION migrations cannot be tried this way and are not counted as
	 * failures. Passes when nothing is pending. Run it against a copy of a real database,
	 * e.g. {@link MigrationTestDatabase#copyFromDump(java.nio.file.Path)}.
	 * @return this, with the database unchanged
	 * @throws AssertionFailedError naming each migration that would fail
	 */
	public MigratorAssert dryRunOfPendingMigrationsPasses() {
		RunResult dryRun = run("Dry run", this.migrator::dryRun);
		List<MigrationResult> failed = dryRun.migrations().stream().filter(MigrationResult::failed).toList();
		if (!failed.isEmpty()) {
			throw new AssertionFailedError("Dry run of the pending migrations fails at version "
					+ failed.get(0).version() + " (current version " + dryRun.versionBefore() + "):\n"
					+ failed.stream()
						.map((result) -> "- version " + result.version() + " (" + source(result) + "): "
								+ result.error())
						.collect(Collectors.joining("\n")));
		}
		return this;
	}

	private RunResult runDown(MigrationInfo migration) {
		RunResult down;
		try {
			down = this.migrator.down();
		}
		catch (MigratorException ex) {
			if (ex.getErrorCode() == ErrorCode.NO_DOWN_MIGRATION) {
				throw new AssertionFailedError(describe(migration) + " has no Down, so nothing reverses its Up. Add a "
						+ "Down that undoes exactly what the Up does; if it cannot be undone on purpose, leave it out "
						+ "with everyDownReversesItsUpExcept(" + migration.version() + ").", ex);
			}
			throw new AssertionFailedError("Down of " + describe(migration) + " failed: " + ex.getMessage(), ex);
		}
		expectOnly(down, migration, "Down");
		return down;
	}

	private static void expectOnly(RunResult result, MigrationInfo migration, String direction) {
		if (result.migrations().size() != 1 || result.migrations().get(0).version() != migration.version()) {
			throw new AssertionFailedError(direction + " was meant to run " + describe(migration) + " alone but ran "
					+ result.migrations().stream().map((ran) -> "version " + ran.version()).toList()
					+ ": another process is migrating the same database; give the test a database of its own.");
		}
	}

	private static String describe(MigrationInfo migration) {
		return "version " + migration.version() + " (" + migration.source() + ")";
	}

	private static String downSource(RunResult down, MigrationInfo migration) {
		String source = down.migrations().get(0).source();
		return (source != null && !source.equals(migration.source())) ? " in " + source : "";
	}

	private static String source(MigrationResult result) {
		return (result.source() != null) ? result.source() : result.description();
	}

	/** Runs an operation, turning the engine's refusal or failure into a failed assertion. */
	private static <T> T run(String what, Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (MigratorException ex) {
			throw new AssertionFailedError(what + " failed: " + ex.getMessage(), ex);
		}
	}

}
