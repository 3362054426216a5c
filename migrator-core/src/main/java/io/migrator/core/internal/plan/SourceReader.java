package io.migrator.core.internal.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.migrator.core.Direction;
import io.migrator.core.InvalidSourceException;
import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationContext;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.Sha256;
import io.migrator.core.ValidationProblem;
import io.migrator.core.ValidationProblem.Kind;
import io.migrator.core.internal.parse.SqlScriptFormat;
import io.migrator.core.internal.parse.SqlScriptParser;
import io.migrator.core.internal.parse.SqlStatement;
import io.migrator.core.internal.source.GoMigrationSource;
import io.migrator.core.internal.source.JavaMigrationSource;
import io.migrator.core.internal.source.MigrationSource;
import io.migrator.core.internal.source.ResourceFile;
import io.migrator.core.internal.source.SqlMigrationSource;

/**
 * Reads the files of the migrations a run is about to execute, start to end, before the
 * first statement is sent, so a malformed file never half-reaches the database; finds out
 * which migrations run in a transaction and which can be undone; and refuses goose Go
 * migrations, which migrator cannot run. {@code validate} and {@code check} use the same
 * checks on every pending source, so they report what {@code up} would refuse.
 * <p>
 * One reader serves one run and reads each file once: the parse that checks a file also
 * says how it runs, and keeps its statements for the executor while they are small
 * (a seed file of hundreds of megabytes is streamed from the file again instead). An
 * indexed goose file is hashed during that same parse to check it against its index.
 * Not thread-safe.
 */
public final class SourceReader {

	/** A file's statements are kept up to this many characters; a larger file is read again when it runs. */
	private static final int KEPT_CHARS_PER_FILE = 1 << 20;

	/** All files of one run keep at most this many characters together, so the heap a run needs stays small. */
	private static final long KEPT_CHARS_PER_RUN = 32L << 20;

	private final Function<String, String> variables;

	private final Charset encoding;

	private final Map<ResourceFile, Script> scripts = new HashMap<>();

	private long keptChars;

	/**
	 * Creates a reader for one run.
	 * @param configuration where ENVSUB variables and the files' encoding come from
	 */
	public SourceReader(MigratorConfiguration configuration) {
		this.variables = configuration.substitution()::lookup;
		this.encoding = configuration.source().encoding();
	}

	/**
	 * Reads the files of a plan's migrations (each file once per reader) and returns the
	 * steps to run.
	 * @param plan what the planner chose
	 * @return the steps, in the plan's order
	 * @throws InvalidSourceException for the first malformed, unreadable or re-indexed file,
	 * or a goose Go migration
	 */
	public List<Step> steps(Plan plan) {
		List<Step> steps = new ArrayList<>();
		for (Plan.Move move : plan.moves()) {
			steps.add(step(move));
		}
		return steps;
	}

	/**
	 * Returns whether a migration can be undone: a goose file with a {@code -- +goose Down}
	 * section, a pair with a {@code .down.sql} file, a Java migration that overrides
	 * {@link JavaMigration#down}. Undoing one without would only delete its history row while
	 * its changes stay, and a {@code redo} would then apply its Up a second time.
	 * @param source the migration
	 * @return whether it has a down part
	 */
	public boolean hasDown(MigrationSource source) {
		if (source instanceof GoMigrationSource) {
			// Whatever its Go code does, it cannot run here; reading its step says so, and how to port it.
			return true;
		}
		if (source instanceof JavaMigrationSource java) {
			return overridesDown(java.migration());
		}
		SqlMigrationSource sql = (SqlMigrationSource) source;
		if (sql.format() == SqlScriptFormat.PLAIN) {
			return sql.downFile() != null;
		}
		return script(sql, sql.upFile(), null).hasDownSection();
	}

	/**
	 * Reads every file of the given sources to its end, both directions, and collects what
	 * {@code up} would refuse: one problem per malformed file (with its file and line), and
	 * one per goose Go migration.
	 * @param pending the sources not applied yet
	 * @return the problems, empty when every source would run
	 */
	public List<ValidationProblem> problems(List<MigrationSource> pending) {
		List<ValidationProblem> problems = new ArrayList<>();
		for (MigrationSource source : pending) {
			try {
				if (source instanceof GoMigrationSource go) {
					throw notPorted(go, Direction.UP);
				}
				if (source instanceof SqlMigrationSource sql) {
					if (sql.format() == SqlScriptFormat.GOOSE) {
						parse(sql.upFile(), SqlScriptFormat.GOOSE, null, null, false);
					}
					else {
						parse(sql.upFile(), SqlScriptFormat.PLAIN, Direction.UP, null, false);
						if (sql.downFile() != null) {
							parse(sql.downFile(), SqlScriptFormat.PLAIN, Direction.DOWN, null, false);
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

	/**
	 * Describes the missing down part of a migration, for messages.
	 * @param source a migration without a down part
	 * @return e.g. {@code 00003_seed.sql has no '-- +goose Down' section}
	 */
	public static String missingPart(MigrationSource source) {
		if (source instanceof JavaMigrationSource) {
			return source.name() + " does not override down(MigrationContext)";
		}
		SqlMigrationSource sql = (SqlMigrationSource) source;
		return (sql.format() == SqlScriptFormat.PLAIN) ? source.name() + " has no .down.sql file next to it"
				: source.name() + " has no '-- +goose Down' section";
	}

	private Step step(Plan.Move move) {
		MigrationSource source = move.source();
		Direction direction = move.direction();
		if (source instanceof GoMigrationSource go) {
			throw notPorted(go, direction);
		}
		if (source instanceof JavaMigrationSource java) {
			return new Step(source, direction, move.historyRowOnly(), java.migration().transactional(), null);
		}
		SqlMigrationSource sql = (SqlMigrationSource) source;
		boolean goose = sql.format() == SqlScriptFormat.GOOSE;
		ResourceFile file = (goose || direction == Direction.UP) ? sql.upFile() : sql.downFile();
		if (file == null) {
			// A pair without a .down.sql file: only its history row is removed, as the plan allowed.
			return new Step(source, direction, move.historyRowOnly(), true, List.of());
		}
		Script script = script(sql, file, goose ? null : direction);
		List<SqlStatement> statements = (script.statements() != null) ? script.statements()
			.stream()
			.filter((statement) -> statement.direction() == direction)
			.toList() : null;
		return new Step(source, direction, move.historyRowOnly(), !script.noTransaction(), statements);
	}

	private Script script(SqlMigrationSource sql, ResourceFile file, Direction plainDirection) {
		Script script = this.scripts.get(file);
		if (script == null) {
			script = checkedScript(sql, file, plainDirection);
			this.scripts.put(file, script);
		}
		return script;
	}

	/**
	 * Parses a file of a migration about to run, refusing it when its bytes are no longer
	 * those its checksum was taken from (when the location was listed, or from its index):
	 * the checksum recorded in history must be that of the statements that run.
	 */
	private Script checkedScript(SqlMigrationSource sql, ResourceFile file, Direction plainDirection) {
		if (file != sql.upFile()) {
			// The .down.sql of a pair: its run deletes the history row, so no checksum is
			// recorded for it; an index that no longer matches still says so first.
			sql.verifyAgainstIndex();
			return parse(file, sql.format(), plainDirection, null, true);
		}
		// Hashed as it is parsed: the statements kept here are what runs.
		MessageDigest digest = Sha256.newDigest();
		Script script;
		try {
			script = parse(file, sql.format(), plainDirection, digest, true);
		}
		catch (InvalidSourceException ex) {
			// A file edited after the build says so first: that, not its SQL, is what to fix.
			sql.verifyAgainstIndex();
			throw ex;
		}
		sql.verifyUnchanged(digest);
		return script;
	}

	private Script parse(ResourceFile file, SqlScriptFormat format, Direction plainDirection, MessageDigest digest,
			boolean keep) {
		try (InputStream in = (digest != null) ? new DigestInputStream(file.open(), digest) : file.open();
				SqlScriptParser parser = SqlScriptParser.open(file.name(), in, this.encoding, format, plainDirection,
						this.variables)) {
			List<SqlStatement> kept = keep ? new ArrayList<>() : null;
			long chars = 0;
			for (SqlStatement statement = parser.next(); statement != null; statement = parser.next()) {
				if (kept != null) {
					chars += statement.sql().length();
					kept = (chars <= KEPT_CHARS_PER_FILE && this.keptChars + chars <= KEPT_CHARS_PER_RUN) ? kept : null;
					if (kept != null) {
						kept.add(statement);
					}
				}
			}
			if (digest != null) {
				// The digest must cover every byte, whatever the decoder left unread.
				in.transferTo(OutputStream.nullOutputStream());
			}
			if (kept != null) {
				this.keptChars += chars;
			}
			return new Script(parser.noTransaction(), parser.hasDownSection(), kept);
		}
		catch (IOException ex) {
			// Listing checked the file; it went away or lost its permissions since.
			throw file.unreadable(ex);
		}
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

	private static boolean overridesDown(JavaMigration migration) {
		try {
			return migration.getClass().getMethod("down", MigrationContext.class).getDeclaringClass()
					!= JavaMigration.class;
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("JavaMigration declares down(MigrationContext)", ex);
		}
	}

	/**
	 * What one read of a file found.
	 *
	 * @param noTransaction whether it holds {@code -- +goose NO TRANSACTION}
	 * @param hasDownSection whether a goose file has a Down section
	 * @param statements every statement, both directions, or {@code null} when not kept
	 */
	private record Script(boolean noTransaction, boolean hasDownSection, List<SqlStatement> statements) {
	}

}
