package io.migrator.core.internal.execute;

import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import io.migrator.core.Direction;
import io.migrator.core.internal.parse.SqlScriptFormat;
import io.migrator.core.internal.parse.SqlScriptParser;
import io.migrator.core.internal.parse.SqlStatement;
import io.migrator.core.internal.source.ResourceFile;
import io.migrator.core.internal.source.SqlMigrationSource;

/**
 * The statements of one direction of a SQL migration: those the plan kept from reading
 * the file, or else pulled from the file one at a time so that memory stays bounded
 * whatever the file's size.
 */
final class StatementStream implements AutoCloseable {

	private final SqlScriptParser parser;

	private final Iterator<SqlStatement> kept;

	private final Direction direction;

	private StatementStream(SqlScriptParser parser, Iterator<SqlStatement> kept, Direction direction) {
		this.parser = parser;
		this.kept = kept;
		this.direction = direction;
	}

	/**
	 * Opens the statements of one direction.
	 * @param kept the statements of this direction as read when the run was planned, or
	 * {@code null} to read them from the file
	 */
	static StatementStream open(SqlMigrationSource source, Direction direction, List<SqlStatement> kept,
			Function<String, String> variables, Charset encoding) {
		if (kept != null) {
			return new StatementStream(null, kept.iterator(), direction);
		}
		ResourceFile file = (source.format() == SqlScriptFormat.GOOSE || direction == Direction.UP) ? source.upFile()
				: source.downFile();
		if (file == null) {
			return new StatementStream(null, null, direction);
		}
		return new StatementStream(
				SqlScriptParser.open(file.name(), file.open(), encoding, source.format(), direction, variables), null,
				direction);
	}

	/**
	 * Returns the next statement of this stream's direction.
	 * @return the statement, or {@code null} at the end
	 */
	SqlStatement next() {
		if (this.kept != null) {
			return this.kept.hasNext() ? this.kept.next() : null;
		}
		if (this.parser == null) {
			return null;
		}
		SqlStatement statement;
		do {
			statement = this.parser.next();
		}
		while (statement != null && statement.direction() != this.direction);
		return statement;
	}

	@Override
	public void close() {
		if (this.parser != null) {
			this.parser.close();
		}
	}

}
