package io.migrator.core.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.migrator.core.MigrationType;
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
	 * pair), computed once.
	 * @return the lowercase hex checksum
	 */
	@Override
	public String checksum() {
		String result = this.checksum;
		if (result == null) {
			MessageDigest digest = sha256();
			digestInto(digest, this.upFile);
			if (this.downFile != null) {
				digestInto(digest, this.downFile);
			}
			result = HexFormat.of().formatHex(digest.digest());
			this.checksum = result;
		}
		return result;
	}

	private static void digestInto(MessageDigest digest, ResourceFile file) {
		try (InputStream in = new DigestInputStream(file.open(), digest)) {
			byte[] buffer = new byte[64 * 1024];
			while (in.read(buffer) != -1) {
				// reading through the DigestInputStream updates the digest
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file.name(), ex);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	@Override
	public String toString() {
		return name();
	}

}
