package io.migrator.core.internal.source;

import java.security.MessageDigest;

import io.migrator.core.InvalidSourceException;
import io.migrator.core.MigrationType;
import io.migrator.core.Sha256;
import io.migrator.core.UnreadableSourceException;
import io.migrator.core.internal.parse.SqlScriptFormat;

/**
 * A SQL migration: one goose-format file, or a golang-migrate pair of {@code .up.sql} and
 * an optional {@code .down.sql}.
 */
public final class SqlMigrationSource implements MigrationSource {

	private final long version;

	private final String description;

	private final SqlScriptFormat format;

	private final ResourceFile upFile;

	private final ResourceFile downFile;

	private volatile String checksum;

	SqlMigrationSource(long version, String description, SqlScriptFormat format, ResourceFile upFile,
			ResourceFile downFile) {
		this.version = version;
		this.description = description;
		this.format = format;
		this.upFile = upFile;
		this.downFile = downFile;
	}

	@Override
	public long version() {
		return this.version;
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public MigrationType type() {
		return MigrationType.SQL;
	}

	@Override
	public String name() {
		return this.upFile.name();
	}

	/**
	 * Returns how the file is laid out.
	 * @return goose (one file, annotated) or plain (a pair of files)
	 */
	public SqlScriptFormat format() {
		return this.format;
	}

	/**
	 * Returns the file holding the up part (the only file of a goose migration).
	 * @return the up file
	 */
	public ResourceFile upFile() {
		return this.upFile;
	}

	/**
	 * Returns the {@code .down.sql} file of a pair.
	 * @return the down file, or {@code null} for goose files and pairs without one
	 */
	public ResourceFile downFile() {
		return this.downFile;
	}

	/**
	 * Returns the SHA-256 of the file bytes (of the up file followed by the down file for a
	 * pair), computed once, or taken from the location's index without reading the files.
	 * @return the lowercase hex checksum
	 */
	@Override
	public String checksum() {
		String result = this.checksum;
		if (result == null) {
			result = indexedChecksum();
			if (result == null) {
				result = Checksums.sha256(this.upFile, this.downFile);
			}
			this.checksum = result;
		}
		return result;
	}

	/**
	 * Hashes the files again when their checksum came from an index, and refuses files
	 * whose bytes changed after the index was built: the checksum recorded in history
	 * must be that of the bytes that ran.
	 * @throws InvalidSourceException when the bytes no longer match the index
	 */
	public void verifyAgainstIndex() {
		if (!isIndexed()) {
			return;
		}
		String actual;
		try {
			actual = Checksums.sha256(this.upFile, this.downFile);
		}
		catch (UnreadableSourceException ex) {
			throw new UnreadableSourceException(name(), 0, ((ResourceFile.Indexed) this.upFile).indexName()
					+ " lists the file, but it cannot be read", (Exception) ex.getCause(), "Rebuild the artifact so "
							+ "that the index is written from the files it ships, or delete the stale index to have the "
							+ "location scanned");
		}
		verifyAgainstIndex(actual);
	}

	/**
	 * Refuses files whose bytes, hashed by the caller as it read them, are not those the
	 * index records.
	 * @param actual the SHA-256 of the bytes read (of the up file followed by the down file
	 * for a pair), as 64 lowercase hex digits
	 * @throws InvalidSourceException when the bytes no longer match the index
	 */
	public void verifyAgainstIndex(String actual) {
		String indexed = indexedChecksum();
		if (indexed != null && !actual.equals(indexed)) {
			String index = ((ResourceFile.Indexed) this.upFile).indexName();
			throw new InvalidSourceException(name(), 0, "the file's bytes changed after " + index
					+ " was built: the index records checksum " + indexed + ", the file now hashes to " + actual,
					"Rebuild the artifact so that the index is written from the files it ships (the "
							+ "migrator-maven-plugin 'index' goal), or delete the stale index to have the location "
							+ "scanned");
		}
	}

	/**
	 * Refuses a migration whose bytes, read again for a run, are not those its checksum was
	 * taken from when the location was listed, maybe long before (a run can wait minutes for
	 * the lock): the history row records that checksum, and it must be the checksum of the
	 * statements that run, or {@code validate} later advises reverting the file to bytes that
	 * never ran.
	 * @param upFileDigest a digest that has read the up file's bytes and nothing else; the
	 * {@code .down.sql} file of a pair is added here
	 * @throws InvalidSourceException when the bytes changed
	 */
	public void verifyUnchanged(MessageDigest upFileDigest) {
		String actual = checksumOfBytesRead(upFileDigest);
		if (isIndexed()) {
			verifyAgainstIndex(actual);
		}
		else if (!actual.equals(checksum())) {
			throw new InvalidSourceException(name(), 0, "changed while this run was starting: it hashed to "
					+ checksum() + " when the location was read and to " + actual + " when its statements were read",
					"Nothing was run. Run again to apply the file as it is now, and do not edit a migration file while "
							+ "a run that may apply it is starting or waiting for the lock");
		}
	}

	/**
	 * Completes the checksum of the bytes a run read, to compare with {@link #checksum()}:
	 * the .down.sql file of a pair is added after the up file's bytes.
	 * @param upFileDigest a digest that has read the up file's bytes and nothing else
	 * @return the checksum, 64 lowercase hex digits
	 * @throws UnreadableSourceException when the .down.sql file cannot be read
	 */
	public String checksumOfBytesRead(MessageDigest upFileDigest) {
		if (this.downFile != null) {
			Checksums.update(upFileDigest, this.downFile);
		}
		return Sha256.hex(upFileDigest.digest());
	}

	/**
	 * Returns whether the checksum comes from a build-time index rather than the files.
	 * @return whether the files are indexed
	 */
	public boolean isIndexed() {
		return indexedChecksum() != null;
	}

	private String indexedChecksum() {
		if (!(this.upFile instanceof ResourceFile.Indexed up)) {
			return null;
		}
		if (this.downFile == null) {
			return up.entry().sha256();
		}
		// Null when the index was built before the down file existed: then the files are hashed.
		return (this.downFile instanceof ResourceFile.Indexed) ? up.entry().migrationSha256() : null;
	}

	@Override
	public String toString() {
		return name();
	}

}
