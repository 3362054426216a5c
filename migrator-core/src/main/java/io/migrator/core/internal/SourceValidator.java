package io.migrator.core.internal;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.migrator.core.Direction;
import io.migrator.core.internal.parse.SqlScriptFormat;
import io.migrator.core.internal.parse.SqlScriptSummary;
import io.migrator.core.internal.source.JavaMigrationSource;
import io.migrator.core.internal.source.ResourceFile;
import io.migrator.core.internal.source.SqlMigrationSource;

/**
 * Parses every SQL file a run is about to execute, start to end, before the first
 * statement is sent, so a malformed file never half-reaches the database; and finds out
 * which migrations run in a transaction.
 */
final class SourceValidator {

	private final Function<String, String> variables;

	private final Charset encoding;

	SourceValidator(Function<String, String> variables, Charset encoding) {
		this.variables = variables;
		this.encoding = encoding;
	}

	/**
	 * Validates the files of the steps.
	 * @param steps the steps about to run
	 * @return for each step, whether it runs in a transaction
	 * @throws io.migrator.core.InvalidSourceException for the first malformed file
	 */
	Map<Step, Boolean> transactionalByStep(List<Step> steps) {
		Map<Step, Boolean> transactional = new HashMap<>();
		for (Step step : steps) {
			if (step.source() instanceof JavaMigrationSource java) {
				transactional.put(step, java.migration().transactional());
				continue;
			}
			SqlMigrationSource sql = (SqlMigrationSource) step.source();
			if (sql.format() == SqlScriptFormat.GOOSE) {
				transactional.put(step, !summarize(sql.upFile(), SqlScriptFormat.GOOSE, null).noTransaction());
			}
			else {
				ResourceFile file = (step.direction() == Direction.UP) ? sql.upFile() : sql.downFile();
				boolean noTransaction = (file != null)
						&& summarize(file, SqlScriptFormat.PLAIN, step.direction()).noTransaction();
				transactional.put(step, !noTransaction);
			}
		}
		return transactional;
	}

	private SqlScriptSummary summarize(ResourceFile file, SqlScriptFormat format, Direction plainDirection) {
		try (InputStream in = file.open()) {
			return SqlScriptSummary.read(file.name(), in, this.encoding, format, plainDirection, this.variables);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file.name(), ex);
		}
	}

}
