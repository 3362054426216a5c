package io.migrator.core.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The differences between an expected and an actual {@link SchemaSnapshot}, matched by
 * kind and schema-relative name, so the schemas' own names do not matter. Immutable.
 */
public final class SchemaDiff {

	private final String expectedSchema;

	private final String actualSchema;

	private final List<SchemaDifference> differences;

	private SchemaDiff(String expectedSchema, String actualSchema, List<SchemaDifference> differences) {
		this.expectedSchema = expectedSchema;
		this.actualSchema = actualSchema;
		this.differences = List.copyOf(differences);
	}

	/**
	 * Compares two snapshots.
	 * @param expected what the schema should be (e.g. rebuilt from the migrations)
	 * @param actual what it is (e.g. the live schema)
	 * @return the differences, in snapshot order (kind, then name)
	 */
	public static SchemaDiff between(SchemaSnapshot expected, SchemaSnapshot actual) {
		Objects.requireNonNull(expected, "'expected' must not be null");
		Objects.requireNonNull(actual, "'actual' must not be null");
		Map<SchemaObject, SchemaDifference> ordered = new TreeMap<>(SchemaObject.ORDER);
		for (SchemaObject want : expected.byKey().values()) {
			SchemaObject have = actual.byKey().get(want.key());
			if (have == null) {
				ordered.put(want,
						new SchemaDifference(want.kind(), want.name(), SchemaDifference.Change.REMOVED, want.definition(), null));
			}
			else if (!have.definition().equals(want.definition())) {
				ordered.put(want, new SchemaDifference(want.kind(), want.name(), SchemaDifference.Change.CHANGED,
						want.definition(), have.definition()));
			}
		}
		for (SchemaObject have : actual.byKey().values()) {
			if (!expected.byKey().containsKey(have.key())) {
				ordered.put(have,
						new SchemaDifference(have.kind(), have.name(), SchemaDifference.Change.ADDED, null, have.definition()));
			}
		}
		return new SchemaDiff(expected.schema(), actual.schema(), new ArrayList<>(ordered.values()));
	}

	/**
	 * Returns whether the two schemas are the same.
	 * @return {@code true} when nothing differs
	 */
	public boolean isEmpty() {
		return this.differences.isEmpty();
	}

	/**
	 * Returns every difference, by kind (containers first) then name.
	 * @return the differences, unmodifiable
	 */
	public List<SchemaDifference> differences() {
		return this.differences;
	}

	/**
	 * Returns the name of the expected snapshot's schema.
	 * @return the schema name
	 */
	public String expectedSchema() {
		return this.expectedSchema;
	}

	/**
	 * Returns the name of the actual snapshot's schema.
	 * @return the schema name
	 */
	public String actualSchema() {
		return this.actualSchema;
	}

	/**
	 * Returns a readable report: a heading naming both schemas and one entry per
	 * difference ({@code +} added in actual, {@code -} removed, {@code ~} changed), or a
	 * line saying they are the same.
	 * @return the text, ending with a line break
	 */
	public String toText() {
		if (isEmpty()) {
			return "Schema '" + this.actualSchema + "' matches '" + this.expectedSchema + "'.\n";
		}
		StringBuilder out = new StringBuilder().append("Schema '")
			.append(this.actualSchema)
			.append("' differs from '")
			.append(this.expectedSchema)
			.append("' in ")
			.append(this.differences.size())
			.append((this.differences.size() == 1) ? " object" : " objects")
			.append(" (+ only in '")
			.append(this.actualSchema)
			.append("', - missing from it, ~ changed):\n");
		this.differences.forEach((difference) -> out.append(difference.toText()));
		return out.toString();
	}

	/**
	 * Returns a stable JSON form: {@code {"expectedSchema":..,"actualSchema":..,
	 * "differences":[{"kind":..,"name":..,"change":"ADDED|REMOVED|CHANGED","expected":..,"actual":..}]}}.
	 * @return the JSON text
	 */
	public String toJson() {
		StringBuilder out = new StringBuilder("{\"expectedSchema\":");
		JsonText.string(out, this.expectedSchema).append(",\"actualSchema\":");
		JsonText.string(out, this.actualSchema).append(",\"differences\":[");
		boolean first = true;
		for (SchemaDifference difference : this.differences) {
			out.append(first ? "" : ",").append("{\"kind\":");
			JsonText.string(out, difference.kind().displayName()).append(",\"name\":");
			JsonText.string(out, difference.name()).append(",\"change\":");
			JsonText.string(out, difference.change().name()).append(",\"expected\":");
			JsonText.string(out, difference.expected()).append(",\"actual\":");
			JsonText.string(out, difference.actual()).append('}');
			first = false;
		}
		return out.append("]}").toString();
	}

	@Override
	public String toString() {
		return "SchemaDiff[" + this.differences.size() + " differences]";
	}

}
