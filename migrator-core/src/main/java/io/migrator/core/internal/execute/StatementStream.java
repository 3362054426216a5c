package io.migrator.core.internal.execute;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.security.DigestInputStream;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import io.migrator.core.Direction;
import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;
import io.migrator.core.Sha256;
import io.migrator.core.internal.parse.SqlScriptFormat;
import io.migrator.core.internal.parse.SqlScriptParser;
import io.migrator.core.internal.parse.SqlStatement;
import io.migrator.core.internal.source.ResourceFile;
import io.migrator.core.internal.source.SqlMigrationSource;

/**
 * The statements of one direction of a SQL migration: those the plan kept from reading
 * the file, or else pulled from the file one at a time so that memory stays bounded
 * whatever the file's size.
 * <p>
 * A file read again going up is hashed as it is read, and its end refused when those bytes
 * are not the ones the run hashed when it was planned: the history row records that
 * checksum, and it must be the checksum of the bytes that ran.
 */
final class StatementStream implements AutoCloseable {

	private final SqlScriptParser parser;

	private final Iterator<SqlStatement> kept;

	private final Direction direction;

	private final SqlMigrationSource source;

	private final boolean transactional;

	private final DigestInputStream hashedUpFile;

	private StatementStream(SqlScriptParser parser, Iterator<SqlStatement> kept, Direction direction,
			SqlMigrationSource source, boolean transactional, DigestInputStream hashedUpFile) {
		this.parser = parser;
		this.kept = kept;
		this.direction = direction;
		this.source = source;
		this.transactional = transactional;
		this.hashedUpFile = hashedUpFile;
	}

	/**
	 * Opens the statements of one direction.
	 * @param kept the statements of this direction as read when the run was planned, or
	 * {@code null} to read them from the file
	 * @param transactional whether the statements run in the migration's transaction, for
	 * the message of a file that changed while it was read
	 */
	static StatementStream open(SqlMigrationSource source, Direction direction, List<SqlStatement> kept,
			boolean transactional, Function<String, String> variables, Charset encoding) {
		if (kept != null) {
			return new StatementStream(null, kept.iterator(), direction, source, transactional, null);
		}
		ResourceFile file = (source.format() == SqlScriptFormat.GOOSE || direction == Direction.UP) ? source.upFile()
				: source.downFile();
		if (file == null) {
			return new StatementStream(null, null, direction, source, transactional, null);
		}
		// Going down the history row is deleted, so no checksum is recorded for what runs.
		InputStream in = file.open();
		DigestInputStream hashed = (direction == Direction.UP) ? new DigestInputStream(in, Sha256.newDigest()) : null;
		return new StatementStream(SqlScriptParser.open(file.name(), (hashed != null) ? hashed : in, encoding,
				source.format(), direction, variables), null, direction, source, transactional, hashed);
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
		if (statement == null && this.hashedUpFile != null) {
			requireBytesHashedWhenPlanned();
		}
		return statement;
	}

	private void requireBytesHashedWhenPlanned() {
		try {
			// The digest must cover every byte, whatever the decoder left unread.
			this.hashedUpFile.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw this.source.upFile().unreadable(ex);
		}
		String ran = this.source.checksumOfBytesRead(this.hashedUpFile.getMessageDigest());
		if (ran.equals(this.source.checksum())) {
			return;
		}
		long version = this.source.version();
		String outcome = this.transactional
				? "Its transaction is rolled back: nothing of version " + version + " is applied. Run again to apply "
						+ "the file as it is now"
				: "Its statements ran without a transaction and stay committed, so version " + version + " stays "
						+ "incomplete (started). Check the schema against the file as it is now, undo what of it ran, "
						+ "then run 'repair' and run again";
		throw new MigratorException(ErrorCode.MIGRATION_FAILED, "Migration " + version + " (" + this.source.name()
				+ ") changed while this run read it: it hashed to " + this.source.checksum() + " when the run was "
				+ "planned and to " + ran + " as its statements were read, so its history row could not record "
				+ "which bytes ran. " + outcome + ". Do not edit a migration file while a run applies it.");
	}

	@Override
	public void close() {
		if (this.parser != null) {
			this.parser.close();
		}
	}

}
