package io.migrator.core.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

import io.migrator.core.UnreadableSourceException;

/**
 * SHA-256 of migration files with one buffer and one digest per thread: a no-op start
 * hashes every file of a directory, and a fresh 64 KiB buffer per file was 96% of all it
 * allocated (560 MB at 10,000 files), which drove the heap, and so the resident memory,
 * far above what the work needs.
 */
public final class Checksums {

	private static final int BUFFER_SIZE = 64 * 1024;

	private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

	/** Given as a set: the varargs form of {@code FileChannel.open} builds a new set per file. */
	private static final Set<StandardOpenOption> READ = Set.of(StandardOpenOption.READ);

	private static final ThreadLocal<Hasher> HASHERS = ThreadLocal.withInitial(Hasher::new);

	private Checksums() {
	}

	/**
	 * Returns a new SHA-256 digest: the one place the engine asks the platform for one.
	 * @return the digest
	 */
	public static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	/**
	 * Returns the SHA-256 of some bytes.
	 * @param bytes the bytes
	 * @return the 32-byte digest
	 */
	public static byte[] sha256(byte[] bytes) {
		return newSha256().digest(bytes);
	}

	/**
	 * Hashes the bytes of {@code first} followed by those of {@code second}.
	 * @param first the first file
	 * @param second the second file, or {@code null}
	 * @return 64 lowercase hex digits
	 * @throws UnreadableSourceException when a file cannot be read
	 */
	static String sha256(ResourceFile first, ResourceFile second) {
		Hasher hasher = HASHERS.get();
		hasher.digest.reset();
		hasher.update(first);
		if (second != null) {
			hasher.update(second);
		}
		return hex(hasher.digest.digest());
	}

	/**
	 * Writes a digest as checksums are recorded. {@code HexFormat} builds its text through a
	 * StringBuilder: a tenth of hashing a small file.
	 * @param bytes the digest
	 * @return lowercase hex digits
	 */
	public static String hex(byte[] bytes) {
		byte[] text = new byte[bytes.length * 2];
		for (int i = 0; i < bytes.length; i++) {
			text[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
			text[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
		}
		return new String(text, StandardCharsets.ISO_8859_1);
	}

	private static final class Hasher {

		private final MessageDigest digest = newSha256();

		private final byte[] bytes = new byte[BUFFER_SIZE];

		private final ByteBuffer buffer = ByteBuffer.wrap(this.bytes);

		void update(ResourceFile file) {
			try {
				if (file instanceof ResourceFile.OnFileSystem onDisk) {
					// A channel reads straight into the reused buffer; Files.newInputStream would
					// add a stream object and its own copy per file.
					try (FileChannel channel = FileChannel.open(onDisk.path(), READ)) {
						this.buffer.clear();
						while (channel.read(this.buffer) != -1) {
							this.digest.update(this.bytes, 0, this.buffer.position());
							this.buffer.clear();
						}
					}
				}
				else {
					try (InputStream in = file.open()) {
						for (int read = in.read(this.bytes); read != -1; read = in.read(this.bytes)) {
							this.digest.update(this.bytes, 0, read);
						}
					}
				}
			}
			catch (IOException ex) {
				throw file.unreadable(ex);
			}
		}

	}

}
