package io.migrator.core.internal.drift;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DriftCheckTests {

	@Test
	void scratchNamesAreRandomAndFitPostgresIdentifierLength() {
		assertThat(DriftCheck.scratchName("public")).matches("public_migrator_drift_[0-9a-f]{8}")
			.isNotEqualTo(DriftCheck.scratchName("public"));
		String long63 = "x".repeat(63);
		assertThat(DriftCheck.scratchName(long63)).hasSize(63).startsWith("x".repeat(39) + "_migrator_drift_");
		// Multi-byte names are shortened by whole characters, never half of one.
		String emoji = "\uD83D\uDE00".repeat(20);
		String name = DriftCheck.scratchName(emoji);
		assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
		assertThat(name).startsWith("\uD83D\uDE00".repeat(9) + "_migrator_drift_");
	}

}
