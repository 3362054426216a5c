package io.migrator.core.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Set;

import io.migrator.core.Sha256;
import io.migrator.core.UnreadableSourceException;

/**
 * SHA-256 of migration files with one buffer and one digest per thread: a no-op start
 * hashes every file of a directory, and a fresh 64 KiB buffer per file was 96% of all it
 * allocated (560 MB at 10,000 files), which drove the heap, and so the resident memory,
 * far above what the work needs.
 */
final class Checksums {

	private static final int BUFFER_SIZE = 64 * 1024;

	/** Given as a set: the varargs form of {@code FileChannel.open} builds a new set per file. */
	private static final Set<StandardOpenOption> READ = Set.of(StandardOpenOption.READ);

	private static final ThreadLocal<Hasher> HASHERS = ThreadLocal.withInitial(Hasher::new);

	private Checksums() {
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
		hasher.update(hasher.digest, first);
		if (second != null) {
			hasher.update(hasher.digest, second);
		}
		return Sha256.hex(hasher.digest.digest());
	}

	/**
	 * Adds a file's bytes to a digest the caller holds.
	 * @param digest the digest
	 * @param file the file
	 * @throws UnreadableSourceException when the file cannot be read
	 */
	static void update(MessageDigest digest, ResourceFile file) {
		HASHERS.get().update(digest, file);
	}

	private static final class Hasher {

		private final MessageDigest digest = Sha256.newDigest();

		private final byte[] bytes = new byte[BUFFER_SIZE];

		private final ByteBuffer buffer = ByteBuffer.wrap(this.bytes);

		void update(MessageDigest target, ResourceFile file) {
			try {
				if (file instanceof ResourceFile.OnFileSystem onDisk) {
					// A channel reads straight into the reused buffer; Files.newInputStream would
					// add a stream object and its own copy per file.
					try (FileChannel channel = FileChannel.open(onDisk.path(), READ)) {
						this.buffer.clear();
						while (channel.read(this.buffer) != -1) {
							target.update(this.bytes, 0, this.buffer.position());
							this.buffer.clear();
						}
					}
				}
				else {
					try (InputStream in = file.open()) {
						for (int read = in.read(this.bytes); read != -1; read = in.read(this.bytes)) {
							target.update(this.bytes, 0, read);
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
