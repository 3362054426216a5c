package io.migrator.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.migrator.core.snapshot.SchemaDiff;

/**
 * What {@link Migrator#drift()} found: the differences between the schema the applied
 * migrations build (replayed into a scratch schema) and the live schema, with what was
 * replayed and what limits the comparison. Immutable.
 *
 * @param liveSchema the schema compared, the one migrations apply to
 * @param scratchLocation where the migrations were replayed, e.g. {@code schema
 * app_migrator_drift_1a2b3c4d in the migrated database}; it was dropped afterwards
 * @param replayedVersions the applied versions replayed, in the order they ran
 * @param skippedVersions versions of this build below the highest applied one that the
 * live history has not applied (out of order), so they were not replayed either
 * @param notes limits that apply to this comparison (extensions not compared, Java
 * migrations replayed, files changed since they were applied), empty when none
 * @param diff expected (replayed) versus actual (live)
 * @param duration how long the check took
 */
public record DriftReport(String liveSchema, String scratchLocation, List<Long> replayedVersions,
		List<Long> skippedVersions, List<String> notes, SchemaDiff diff, Duration duration) {

	public DriftReport {
		Objects.requireNonNull(liveSchema, "'liveSchema' must not be null");
		Objects.requireNonNull(scratchLocation, "'scratchLocation' must not be null");
		Objects.requireNonNull(diff, "'diff' must not be null");
		Objects.requireNonNull(duration, "'duration' must not be null");
		replayedVersions = List.copyOf(replayedVersions);
		skippedVersions = List.copyOf(skippedVersions);
		notes = List.copyOf(notes);
	}

	/**
	 * Returns whether the live schema differs from what its applied migrations build.
	 * @return {@code true} when anything differs
	 */
	public boolean hasDrift() {
		return !this.diff.isEmpty();
	}

}
