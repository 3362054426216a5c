package io.migrator.boot.actuate.endpoint;

import java.util.List;
import java.util.Locale;

import io.migrator.core.DriftReport;
import io.migrator.core.MigratorException;

/**
 * A summary of one migrator's drift check, in the {@link MigrationsEndpoint}'s response.
 *
 * @param drift whether the live schema differs from what its applied migrations build,
 * {@code null} when the check failed
 * @param differences what differs: kind, name and change of each object
 * @param replayedVersions the applied versions replayed into the scratch schema
 * @param notes limits that applied to the comparison
 * @param durationMs how long the check took, in milliseconds
 * @param error why the check failed, or {@code null}
 */
public record DriftDescriptor(Boolean drift, List<DifferenceDescriptor> differences, List<Long> replayedVersions,
		List<String> notes, Long durationMs, String error) {

	public DriftDescriptor {
		differences = List.copyOf(differences);
		replayedVersions = List.copyOf(replayedVersions);
		notes = List.copyOf(notes);
	}

	static DriftDescriptor of(DriftReport report) {
		return new DriftDescriptor(report.hasDrift(),
				report.diff()
					.differences()
					.stream()
					.map((difference) -> new DifferenceDescriptor(difference.kind().displayName(), difference.name(),
							difference.change().name().toLowerCase(Locale.ROOT)))
					.toList(),
				report.replayedVersions(), report.notes(), report.duration().toMillis(), null);
	}

	static DriftDescriptor failed(MigratorException failure) {
		return new DriftDescriptor(null, List.of(), List.of(), List.of(), null, failure.getMessage());
	}

	/**
	 * One object that differs.
	 *
	 * @param kind the kind of object, e.g. {@code index}
	 * @param name its name relative to the schema, e.g. {@code orders.customer_id} for a column
	 * @param change {@code added} (only in the live schema), {@code removed} (missing from
	 * it) or {@code changed}
	 */
	public record DifferenceDescriptor(String kind, String name, String change) {
	}

}
