package io.migrator.core.internal.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.migrator.core.ErrorCode;
import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationContext;
import io.migrator.core.MigrationType;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorException;
import io.migrator.core.ValidationProblem;
import io.migrator.core.internal.history.AppliedMigration;
import io.migrator.core.internal.history.AppliedState;
import io.migrator.core.internal.history.HistorySnapshot;
import io.migrator.core.internal.source.JavaMigrationSource;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What each operation runs, from sources and history alone: no database, no files.
 * Sources are written as versions, {@code !} marking one without a down part and {@code ~}
 * one that runs without a transaction; history rows as applied versions,
 * {@code :started} marking an incomplete one. Steps come out as version and direction,
 * with {@code ~} for a step without a transaction and {@code #} for one that removes the
 * history row only; a refusal as its error code and a part of its message.
 */
class MigrationPlannerStepTests {

	static Stream<Arguments> cases() {
		return Stream.of(
				Arguments.of("up applies every pending version, ascending", "1 2 3", "1", "up", false, "2up 3up"),
				Arguments.of("up with nothing pending plans nothing", "1 2", "1 2", "up", false, ""),
				Arguments.of("up on an empty history applies everything", "1 2", "", "up", false, "1up 2up"),
				Arguments.of("up-by-one applies the next version only", "1 2 3", "1", "up-by-one", false, "2up"),
				Arguments.of("up-to stops at the target", "1 2 3 4", "1", "up-to 3", false, "2up 3up"),
				Arguments.of("up-to below every pending version plans nothing", "1 5", "1", "up-to 4", false, ""),
				Arguments.of("a version below the highest applied one blocks up", "1 2 3", "1 3", "up", false,
						"VALIDATION_FAILED: Version(s) 2 are not applied but lie below the highest applied version 3"),
				Arguments.of("allowed out of order, it is applied first, then the rest ascending", "1 2 3 4", "1 3",
						"up", true, "2up 4up"),
				Arguments.of("a version applied but missing from this build does not block up", "1 3", "1 2", "up",
						false, "3up"),
				Arguments.of("an incomplete migration blocks up", "1 2 3", "1 2:started", "up", false,
						"VALIDATION_FAILED: Migration 2 (migration 2) is incomplete"),
				Arguments.of("a step says it runs without a transaction", "1 2~ 3", "1", "up", false, "2up~ 3up"),
				Arguments.of("down undoes the latest version", "1 2 3", "1 2 3", "down", false, "3down"),
				Arguments.of("down on an empty history plans nothing", "1 2", "", "down", false, ""),
				Arguments.of("down-to undoes every version above the target, descending", "1 2 3", "1 2 3",
						"down-to 1", false, "3down 2down"),
				Arguments.of("reset undoes everything", "1 2 3", "1 2 3", "reset", false, "3down 2down 1down"),
				Arguments.of("redo undoes the latest version and applies it again", "1 2 3", "1 2 3", "redo", false,
						"3down 3up"),
				Arguments.of("a version pending out of order does not block down", "1 2 3", "1 3", "down", false,
						"3down"),
				Arguments.of("down keeps a migration's transaction mode", "1 2~", "1 2", "down", false, "2down~"),
				Arguments.of("down of a migration without a down part is refused", "1 2!", "1 2", "down", false,
						"NO_DOWN_MIGRATION: Cannot down version 2 (migration 2)"),
				Arguments.of("allowed, it only removes the history row", "1 2!", "1 2", "down row-only", false,
						"2down#"),
				Arguments.of("redo without a down part is refused even when row-only is allowed", "1 2!", "1 2",
						"redo row-only", false, "NO_DOWN_MIGRATION: redo would delete its history row"),
				Arguments.of("reset stops at the first migration without a down part", "1! 2 3!", "1 2 3", "reset",
						false, "NO_DOWN_MIGRATION: Cannot reset version 3"),
				Arguments.of("undoing a version this build lacks is refused", "1", "1 2", "down", false,
						"VALIDATION_FAILED: Cannot undo version 2 (migration 2): this build has no migration"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void plansTheStepsOfEachOperation(String description, String sources, String history, String operation,
			boolean allowOutOfOrder, String expected) {
		MigrationPlanner planner = new MigrationPlanner(allowOutOfOrder, true);
		MigrationCatalog catalog = catalog(sources);
		HistorySnapshot snapshot = history(history);
		PlanRequest request = request(operation);
		SourceReader reader = new SourceReader(Migrator.builder().build().configuration());

		MigratorException refused = catchThrowableOfType(MigratorException.class, () -> {
			planner.requireRunnable(request, catalog, snapshot);
			List<Step> steps = reader.steps(planner.plan(request, catalog, snapshot, reader));
			assertThat(steps.stream().map(MigrationPlannerStepTests::describe).collect(Collectors.joining(" ")))
				.isEqualTo(expected);
		});

		if (refused != null) {
			String[] codeAndMessage = expected.split(": ", 2);
			assertThat(refused.getErrorCode()).hasToString(codeAndMessage[0]);
			assertThat(refused.getMessage()).contains(codeAndMessage[1]);
		}
	}

	@Test
	void checkListsPendingVersionsAndThoseOutOfOrderOnlyWhenAllowed() {
		MigrationCatalog catalog = catalog("1 2 3 4");
		HistorySnapshot snapshot = history("1 3");
		assertThat(new MigrationPlanner(true, true).notApplied(catalog, snapshot))
			.extracting(ValidationProblem::version)
			.containsExactly(2L, 4L);
		assertThat(new MigrationPlanner(false, true).notApplied(catalog, snapshot))
			.extracting(ValidationProblem::version)
			.containsExactly(4L);
	}

	private static String describe(Step step) {
		return step.source().version() + step.direction().name().toLowerCase(java.util.Locale.ROOT)
				+ (step.transactional() ? "" : "~") + (step.historyRowOnly() ? "#" : "");
	}

	private static PlanRequest request(String operation) {
		String[] words = operation.split(" ");
		boolean rowOnly = operation.endsWith("row-only");
		return switch (words[0]) {
			case "up" -> PlanRequest.up("up", Long.MAX_VALUE, Integer.MAX_VALUE);
			case "up-by-one" -> PlanRequest.up("up-by-one", Long.MAX_VALUE, 1);
			case "up-to" -> PlanRequest.up("up-to", Long.parseLong(words[1]), Integer.MAX_VALUE);
			case "down" -> PlanRequest.down("down", 0, 1, rowOnly);
			case "down-to" -> PlanRequest.down("down-to", Long.parseLong(words[1]), Integer.MAX_VALUE, rowOnly);
			case "reset" -> PlanRequest.down("reset", 0, Integer.MAX_VALUE, rowOnly);
			case "redo" -> PlanRequest.redo();
			default -> throw new IllegalArgumentException(operation);
		};
	}

	private static MigrationCatalog catalog(String sources) {
		return MigrationCatalog.of(split(sources).stream().map((entry) -> {
			long version = Long.parseLong(entry.replaceAll("\\D", ""));
			boolean transactional = !entry.contains("~");
			JavaMigration migration = entry.contains("!") ? new Forward(transactional)
					: new Reversible(transactional);
			return (MigrationSource) new JavaMigrationSource(version, "migration " + version, "checksum" + version,
					migration);
		}).toList());
	}

	private static HistorySnapshot history(String rows) {
		TreeMap<Long, AppliedMigration> applied = new TreeMap<>();
		for (String entry : split(rows)) {
			long version = Long.parseLong(entry.replace(":started", ""));
			AppliedState state = entry.endsWith(":started") ? AppliedState.STARTED : AppliedState.APPLIED;
			applied.put(version, new AppliedMigration(version, "migration " + version, MigrationType.JAVA,
					"checksum" + version, state, Instant.EPOCH, Duration.ZERO, "tester"));
		}
		return new HistorySnapshot(true, applied);
	}

	private static List<String> split(String list) {
		return list.isEmpty() ? List.of() : Arrays.asList(list.split(" "));
	}

	/** A migration without a down part. */
	static class Forward implements JavaMigration {

		private final boolean transactional;

		Forward(boolean transactional) {
			this.transactional = transactional;
		}

		@Override
		public void up(MigrationContext context) {
		}

		@Override
		public boolean transactional() {
			return this.transactional;
		}

	}

	/** A migration with a down part. */
	static class Reversible extends Forward {

		Reversible(boolean transactional) {
			super(transactional);
		}

		@Override
		public void down(MigrationContext context) {
		}

	}

}
