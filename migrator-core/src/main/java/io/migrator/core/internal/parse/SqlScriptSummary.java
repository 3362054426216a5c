package io.migrator.core.internal.parse;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.function.Function;

import io.migrator.core.Direction;
import io.migrator.core.InvalidSourceException;
import io.migrator.core.Sha256;
import io.migrator.core.UnreadableSourceException;

/**
 * What the build-time index records of a SQL migration: the file is valid, whether it
 * runs in a transaction, and a checksum of its bytes.
 *
 * @param noTransaction whether the file holds {@code -- +goose NO TRANSACTION}
 * @param checksum the SHA-256 of the raw file bytes, as 64 lowercase hex digits
 */
public record SqlScriptSummary(boolean noTransaction, String checksum) {

	/**
	 * Reads and validates a whole SQL migration in one pass, computing its checksum on
	 * the way. The stream is read to its end and closed.
	 * @param sourceName the file name shown in error messages
	 * @param in the file's bytes
	 * @param encoding the encoding the file is saved in; bytes not valid in it are refused
	 * @param format the layout of the file
	 * @param plainDirection the direction of a {@link SqlScriptFormat#PLAIN} file
	 * @param variables resolves ENVSUB variable names, returning {@code null} for unset
	 * ones; validation needs them because {@code ${VAR?message}} fails when VAR is unset
	 * @return the summary
	 * @throws InvalidSourceException when the file is malformed
	 * @throws UnreadableSourceException when reading fails
	 */
	public static SqlScriptSummary read(String sourceName, InputStream in, Charset encoding, SqlScriptFormat format,
			Direction plainDirection, Function<String, String> variables) {
		MessageDigest digest = Sha256.newDigest();
		try (SqlScriptParser parser = SqlScriptParser.open(sourceName, new DigestInputStream(in, digest), encoding,
				format, plainDirection, variables)) {
			while (parser.next() != null) {
				// Reading every statement is what validates the file.
			}
			String checksum = Sha256.hex(digest.digest());
			return new SqlScriptSummary(parser.noTransaction(), checksum);
		}
	}

}
