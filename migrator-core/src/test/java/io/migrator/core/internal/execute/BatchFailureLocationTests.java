package io.migrator.core.internal.execute;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the failed entry from PgJDBC's BatchUpdateException message, in English and in
 * the driver's own translations (a JVM with such a default locale gets those).
 */
class BatchFailureLocationTests {

	private static final String KEY = "Batch entry {0} {1} was aborted: {2}  Call getNextException to see other "
			+ "errors in the batch.";

	private static final List<String> HEADS = List.of("LOCK TABLE \"migrator_history\" IN ROW EXC",
			"CREATE TABLE t (id int)", "INSERT INTO t VALUES (1)", "INSERT INTO nowhere VALUES (2)", "COMMIT");

	@Test
	void englishMessageNamesTheEntry() {
		String message = MessageFormat.format(KEY, 3, "INSERT INTO nowhere VALUES (2)",
				"ERROR: relation \"nowhere\" does not exist");
		assertThat(StatementBatch.failedEntry(message, HEADS)).isEqualTo(3);
	}

	@Test
	void englishMessageWithoutTheStatementTextStillNamesTheEntry() {
		// logServerErrorDetail=false replaces the statement text.
		String message = MessageFormat.format(KEY, 1, "<unknown>", "ERROR: boom");
		assertThat(StatementBatch.failedEntry(message, HEADS)).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ru", "ja", "ko" })
	void translatedMessageNamesTheEntryWhenItsStatementFollows(String language) {
		String pattern = ResourceBundle.getBundle("org.postgresql.translation.messages", Locale.forLanguageTag(language))
			.getString(KEY);
		assertThat(pattern).doesNotStartWith("Batch entry");
		String message = MessageFormat.format(pattern, 3, "INSERT INTO nowhere VALUES (2)", "ERROR: 42P01");
		assertThat(StatementBatch.failedEntry(message, HEADS)).isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ru", "ja", "ko" })
	void translatedMessageWithoutTheStatementTextIsNotGuessed(String language) {
		String pattern = ResourceBundle.getBundle("org.postgresql.translation.messages", Locale.forLanguageTag(language))
			.getString(KEY);
		String message = MessageFormat.format(pattern, 3, "<unknown>", "ERROR: 42P01");
		assertThat(StatementBatch.failedEntry(message, HEADS)).isEqualTo(-1);
	}

	@Test
	void entryBeyondTheBatchIsNotTrusted() {
		String message = MessageFormat.format(KEY, 7, "SELECT 1", "ERROR: boom");
		assertThat(StatementBatch.failedEntry(message, HEADS)).isEqualTo(-1);
	}

}
