package io.migrator.core;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One figure for a migration's execution time: the run's result, what listeners get, the
 * log line and the history (status, the endpoint) say the same number of milliseconds, and
 * it includes the commit.
 */
class ExecutionTimeAgreementTests {

	private static final Pattern FINISHED = Pattern.compile("Finished version (\\d+) \\([^)]*\\) up in (\\d+) ms");

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void resultListenerLogAndHistoryAgreeForEveryKindOfMigration() {
		this.fixture.write("00001_slow.sql", "-- +goose Up\nCREATE TABLE t (id int);\nSELECT pg_sleep(0.3);\n");
		this.fixture.write("00003_no_transaction.sql",
				"-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n");
		this.fixture.write("00004_deferred.sql", "-- +goose Up\n"
				+ "CREATE TABLE parent (id int PRIMARY KEY);\n"
				+ "CREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);\n"
				+ "-- +goose StatementBegin\n"
				+ "CREATE FUNCTION slow_check() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.3); "
				+ "RETURN NULL; END $$;\n"
				+ "-- +goose StatementEnd\n"
				+ "CREATE CONSTRAINT TRIGGER slow_at_commit AFTER INSERT ON child DEFERRABLE INITIALLY DEFERRED "
				+ "FOR EACH ROW EXECUTE FUNCTION slow_check();\n"
				+ "INSERT INTO parent VALUES (1);\nINSERT INTO child VALUES (1);\n");
		List<MigrationResult> heard = new ArrayList<>();
		MigrationListener listener = new MigrationListener() {
			@Override
			public void afterMigration(MigrationResult result) {
				heard.add(result);
			}
		};
		String log = capturingLog(() -> this.fixture.builder()
			.javaMigrations(List.of(new V2__seed()))
			.listeners(listener)
			.build()
			.up());
		Map<Long, Long> recorded = recordedMillis();
		Map<Long, Long> logged = loggedMillis(log);
		assertThat(heard).extracting(MigrationResult::version).containsExactly(1L, 2L, 3L, 4L);
		for (MigrationResult result : heard) {
			assertThat(recorded.get(result.version())).as("history of %d", result.version())
				.isEqualTo(result.duration().toMillis());
			assertThat(logged.get(result.version())).as("log of %d", result.version())
				.isEqualTo(result.duration().toMillis());
		}
		assertThat(recorded.get(1L)).isGreaterThanOrEqualTo(300);
		// The constraint trigger runs at COMMIT: the figure includes it.
		assertThat(recorded.get(4L)).isGreaterThanOrEqualTo(300);
	}

	@Test
	void migrationsBeforeAFailureKeepTheFigureTheRunReported() {
		this.fixture.write("00001_slow.sql", "-- +goose Up\nCREATE TABLE t (id int);\nSELECT pg_sleep(0.2);\n");
		this.fixture.write("00002_broken.sql", "-- +goose Up\nINSERT INTO missing_table VALUES (1);\n");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				this.fixture.migrator()::up);
		MigrationResult first = failure.getPartialResult().migrations().get(0);
		assertThat(first.outcome()).isEqualTo(Outcome.SUCCEEDED);
		assertThat(recordedMillis()).containsExactly(Map.entry(1L, first.duration().toMillis()));
	}

	private Map<Long, Long> recordedMillis() {
		return this.fixture.migrator()
			.status()
			.migrations()
			.stream()
			.filter((info) -> info.executionTime() != null)
			.collect(Collectors.toMap(MigrationInfo::version, (info) -> info.executionTime().toMillis()));
	}

	private static Map<Long, Long> loggedMillis(String log) {
		Map<Long, Long> logged = new HashMap<>();
		Matcher matcher = FINISHED.matcher(log);
		while (matcher.find()) {
			logged.put(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
		}
		return logged;
	}

	private static String capturingLog(Runnable run) {
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		PrintStream original = System.err;
		try {
			System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
			run.run();
		}
		finally {
			System.setErr(original);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}

	/** A transactional Java migration between the SQL files. */
	static final class V2__seed implements JavaMigration {

		@Override
		public void up(MigrationContext context) throws Exception {
			try (var statement = context.connection().createStatement()) {
				statement.execute("INSERT INTO t VALUES (1)");
			}
		}

	}

}
