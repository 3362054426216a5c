package io.migrator.core.internal;

import java.io.InputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.migrator.core.Direction;
import io.migrator.core.InvalidSourceException;
import io.migrator.core.ValidationProblem;
import io.migrator.core.ValidationProblem.Kind;
import io.migrator.core.internal.parse.SqlScriptFormat;
import io.migrator.core.internal.parse.SqlScriptSummary;
import io.migrator.core.internal.source.GoMigrationSource;
import io.migrator.core.internal.source.JavaMigrationSource;
import io.migrator.core.internal.source.MigrationSource;
import io.migrator.core.internal.source.ResourceFile;
import io.migrator.core.internal.source.SqlMigrationSource;

/**
 * Parses every SQL file a run is about to execute, start to end, before the first
 * statement is sent, so a malformed file never half-reaches the database; finds out
 * which migrations run in a transaction; and refuses goose Go migrations, which migrator
 * cannot run. {@code validate} and {@code check} use the same checks on every pending
 * source, so they report what {@code up} would refuse.
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
	 * @throws InvalidSourceException for the first malformed file, or a goose Go migration
	 */
	Map<Step, Boolean> transactionalByStep(List<Step> steps) {
		Map<Step, Boolean> transactional = new HashMap<>();
		for (Step step : steps) {
			if (step.source() instanceof GoMigrationSource go) {
				throw notPorted(go, step.direction());
			}
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

	/**
	 * Reads every file of the given sources to its end, both directions, and collects what
	 * {@code up} would refuse: one problem per malformed file (with its file and line), and
	 * one per goose Go migration.
	 * @param pending the sources not applied yet
	 * @return the problems, empty when every source would run
	 */
	List<ValidationProblem> problems(List<MigrationSource> pending) {
		List<ValidationProblem> problems = new ArrayList<>();
		for (MigrationSource source : pending) {
			try {
				if (source instanceof GoMigrationSource go) {
					throw notPorted(go, Direction.UP);
				}
				if (source instanceof SqlMigrationSource sql) {
					if (sql.format() == SqlScriptFormat.GOOSE) {
						summarize(sql.upFile(), SqlScriptFormat.GOOSE, null);
					}
					else {
						summarize(sql.upFile(), SqlScriptFormat.PLAIN, Direction.UP);
						if (sql.downFile() != null) {
							summarize(sql.downFile(), SqlScriptFormat.PLAIN, Direction.DOWN);
						}
					}
				}
			}
			catch (InvalidSourceException ex) {
				problems.add(new ValidationProblem(Kind.INVALID_SOURCE, source.version(), ex.getMessage()));
			}
		}
		return problems;
	}

	private static InvalidSourceException notPorted(GoMigrationSource go, Direction direction) {
		String way = (direction == Direction.UP) ? "apply" : "undo";
		return new InvalidSourceException(go.name(), 0, "version " + go.version() + " is a goose Go migration, and "
				+ "migrator cannot run Go code, so it cannot " + way + " it; nothing was run",
				"Port it to a Java migration with the same version (e.g. a class V" + go.version() + "__"
						+ go.description().replaceAll("[^A-Za-z0-9]+", "_") + " implementing io.migrator.core.JavaMigration), "
						+ "which then replaces the .go file (see the README, goose compatibility). If goose already "
						+ "applied it to this database, import goose's history first ('adopt --from goose')");
	}

	private SqlScriptSummary summarize(ResourceFile file, SqlScriptFormat format, Direction plainDirection) {
		try (InputStream in = file.open()) {
			return SqlScriptSummary.read(file.name(), in, this.encoding, format, plainDirection, this.variables);
		}
		catch (IOException ex) {
			throw file.unreadable(ex);
		}
	}

}
