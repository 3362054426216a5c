package io.migrator.core.internal.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.migrator.core.MigrationType;
import io.migrator.core.ValidationProblem;
import io.migrator.core.ValidationProblem.Kind;
import io.migrator.core.internal.history.AppliedMigration;
import io.migrator.core.internal.history.AppliedState;
import io.migrator.core.internal.history.HistorySnapshot;
import io.migrator.core.internal.source.JavaMigrationSource;
import io.migrator.core.internal.source.MigrationCatalog;
import io.migrator.core.internal.source.MigrationSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the planner tells a renamed migration from a missing one, from sources and history
 * alone. Sources are written {@code version=checksum}; history rows {@code version=checksum}
 * (applied) or {@code version=checksum:started}.
 */
class MigrationPlannerRenameTests {

	static Stream<Arguments> cases() {
		return Stream.of(
				// the 'fix' case: timestamp version renumbered, same bytes
				Arguments.of("renumbered file is a rename", "1=a 20260427034355=b", "1=a 2=b", "RENAMED@20260427034355",
						"20260427034355->2"),
				Arguments.of("file gone, nothing pending like it, is missing", "1=a 2=b", "1=a", "MISSING@2", ""),
				Arguments.of("pending file with other bytes is no rename", "1=a 2=b", "1=a 3=c", "MISSING@2", ""),
				Arguments.of("an applied file with the same bytes is no rename", "1=a 2=a", "1=a", "MISSING@2", ""),
				Arguments.of("two pending files with the bytes: a rename repair cannot pick", "1=a 5=b", "1=a 6=b 7=b",
						"RENAMED@5", "5->6,7"),
				Arguments.of("unknown checksum (adopted row) is never a rename", "1=a 5=-", "1=a 6=b", "MISSING@5", ""),
				Arguments.of("started row is incomplete, not renamed", "1=a 5=b:started", "1=a 6=b", "INCOMPLETE@5", ""),
				Arguments.of("nothing missing, nothing to report", "1=a 2=b", "1=a 2=b 3=c", "", ""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void renamesAndMissingVersions(String description, String history, String sources, String expectedProblems,
			String expectedRenames) {
		MigrationPlanner planner = new MigrationPlanner(true, true);
		MigrationCatalog catalog = catalog(sources);
		HistorySnapshot snapshot = history(history);

		List<String> problems = planner.validate(catalog, snapshot)
			.stream()
			.map((problem) -> problem.kind() + "@" + problem.version())
			.toList();
		List<String> renames = planner.renames(catalog, snapshot)
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "->"
					+ String.join(",", entry.getValue().stream().map((source) -> "" + source.version()).toList()))
			.toList();

		assertThat(problems).containsExactlyElementsOf(split(expectedProblems));
		assertThat(renames).containsExactlyElementsOf(split(expectedRenames));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void everyProblemSaysWhatToDo(String description, String history, String sources, String expectedProblems,
			String expectedRenames) {
		List<ValidationProblem> problems = new MigrationPlanner(true, true).validate(catalog(sources),
				history(history));
		for (ValidationProblem problem : problems) {
			if (problem.kind() == Kind.RENAMED) {
				assertThat(problem.message()).contains("renamed", "Migration " + problem.version(), "pending",
						"nothing is applied");
			}
			if (problem.kind() == Kind.MISSING) {
				assertThat(problem.message()).contains("no migration with that version", "ignoreMissingMigrations");
			}
		}
	}

	private static List<String> split(String list) {
		return list.isEmpty() ? List.of() : Arrays.asList(list.split(" "));
	}

	private static MigrationCatalog catalog(String sources) {
		return MigrationCatalog.of(split(sources).stream().map((entry) -> {
			String[] parts = entry.split("=");
			long version = Long.parseLong(parts[0]);
			return (MigrationSource) new JavaMigrationSource(version, "migration " + version, parts[1],
					(context) -> {
					});
		}).toList());
	}

	private static HistorySnapshot history(String rows) {
		TreeMap<Long, AppliedMigration> applied = new TreeMap<>();
		for (String entry : split(rows)) {
			String[] parts = entry.split("[=:]");
			long version = Long.parseLong(parts[0]);
			AppliedState state = (parts.length > 2) ? AppliedState.STARTED : AppliedState.APPLIED;
			String checksum = parts[1].equals("-") ? null : parts[1];
			applied.put(version, new AppliedMigration(version, "migration " + version, MigrationType.JAVA, checksum,
					state, Instant.EPOCH, Duration.ZERO, "tester"));
		}
		return new HistorySnapshot(true, applied);
	}

}
