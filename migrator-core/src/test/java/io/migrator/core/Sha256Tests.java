package io.migrator.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Tests {

	@Test
	void hashesTextAsTheStandardVectorSays() {
		// FIPS 180-2, appendix B.1: the message "abc".
		assertThat(Sha256.ofText("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void writesEveryByteAsTwoLowercaseDigits() {
		assertThat(Sha256.hex(new byte[] { 0x00, 0x0f, (byte) 0xa0, (byte) 0xff })).isEqualTo("000fa0ff");
	}

	@Test
	void digestFedInPiecesMatchesTheWholeText() {
		MessageDigest digest = Sha256.newDigest();
		digest.update("a".getBytes(StandardCharsets.UTF_8));
		digest.update("bc".getBytes(StandardCharsets.UTF_8));
		assertThat(Sha256.hex(digest.digest())).isEqualTo(Sha256.ofText("abc"));
	}

	@Test
	void javaMigrationChecksumIsTheHashOfItsClassName() {
		JavaMigration migration = new V1__example();
		assertThat(migration.checksum()).isEqualTo(Sha256.ofText(V1__example.class.getName()));
	}

	static final class V1__example implements JavaMigration {

		@Override
		public void up(MigrationContext context) {
		}

	}

}
