package io.migrator.core.internal.plan;

import java.util.List;
import java.util.Locale;

import io.migrator.core.Direction;
import io.migrator.core.internal.parse.SqlStatement;
import io.migrator.core.internal.source.MigrationSource;

/**
 * One migration to run in one direction, with what its files said when the plan was made.
 *
 * @param source the migration
 * @param direction which way
 * @param historyRowOnly whether this down step only removes the history row of a
 * migration that has no down part, as explicitly allowed
 * @param transactional whether it runs in a transaction together with its history write
 * @param statements the SQL statements of this direction, read and checked when the plan
 * was made; {@code null} for a Java migration, and for a file too large to keep in memory
 * (the executor then streams it from the file again)
 */
public record Step(MigrationSource source, Direction direction, boolean historyRowOnly, boolean transactional,
		List<SqlStatement> statements) {

	/**
	 * Names the step for logs and progress reports.
	 * @return e.g. {@code version 3 (add email) up}
	 */
	public String describe() {
		return "version " + this.source.version() + " (" + this.source.description() + ") "
				+ this.direction.name().toLowerCase(Locale.ROOT);
	}

}
