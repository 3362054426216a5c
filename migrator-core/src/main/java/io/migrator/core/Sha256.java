package io.migrator.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 as migrator records it: a SQL migration's checksum is the SHA-256 of its file
 * bytes in lowercase hex, a Java migration's by default that of its class name. The one
 * place the library asks the platform for the digest, public so that a
 * {@link JavaMigration} overriding {@link JavaMigration#checksum()} (to hash a resource it
 * reads, say) writes checksums in the same form.
 */
public final class Sha256 {

	private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

	private Sha256() {
	}

	/**
	 * Returns a new SHA-256 digest, for input that arrives in pieces.
	 * @return the digest
	 */
	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	/**
	 * Returns the SHA-256 of a text's UTF-8 bytes.
	 * @param text the text
	 * @return 64 lowercase hex digits
	 */
	public static String ofText(String text) {
		return hex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Writes a digest as checksums are recorded: lowercase hex. Not {@code HexFormat}, which
	 * builds its text through a StringBuilder: a tenth of hashing a small file, and a no-op
	 * start hashes every file.
	 * @param digest the digest's bytes
	 * @return two lowercase hex digits per byte
	 */
	public static String hex(byte[] digest) {
		byte[] text = new byte[digest.length * 2];
		for (int i = 0; i < digest.length; i++) {
			text[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
			text[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
		}
		return new String(text, StandardCharsets.ISO_8859_1);
	}

}
