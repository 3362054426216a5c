package io.migrator.core.snapshot;

import java.util.Objects;

/**
 * One difference between an expected and an actual {@link SchemaSnapshot}.
 *
 * @param kind what kind of object differs
 * @param name its name relative to the schema
 * @param change whether it was added, removed or changed in the actual schema
 * @param expected its definition in the expected schema, {@code null} when {@link Change#ADDED}
 * @param actual its definition in the actual schema, {@code null} when {@link Change#REMOVED}
 */
public record SchemaDifference(ObjectKind kind, String name, Change change, String expected, String actual) {

	public SchemaDifference {
		Objects.requireNonNull(kind, "'kind' must not be null");
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(change, "'change' must not be null");
		if ((expected == null) != (change == Change.ADDED) || (actual == null) != (change == Change.REMOVED)) {
			throw new IllegalArgumentException(change + " " + SchemaObject.key(kind, name)
					+ " needs an expected definition unless ADDED and an actual one unless REMOVED");
		}
	}

	/**
	 * How the actual schema differs from the expected one for one object.
	 */
	public enum Change {

		/** The object exists only in the actual schema (e.g. created by hand). */
		ADDED,

		/** The object exists only in the expected schema (e.g. dropped by hand). */
		REMOVED,

		/** The object exists in both with different definitions. */
		CHANGED

	}

	/**
	 * Returns one readable line (two more for a change): e.g. {@code + index orders_note_idx:
	 * CREATE INDEX ...}, {@code - column orders.note: text}, or {@code ~ column orders.qty}
	 * followed by the expected and actual definitions.
	 * @return the text, ending with a line break
	 */
	public String toText() {
		return switch (this.change) {
			case ADDED -> "+ " + new SchemaObject(this.kind, this.name, this.actual).keyAndDefinition() + "\n";
			case REMOVED -> "- " + new SchemaObject(this.kind, this.name, this.expected).keyAndDefinition() + "\n";
			case CHANGED -> "~ " + SchemaObject.key(this.kind, this.name) + "\n    expected: "
					+ JsonText.indentContinuation(this.expected, "      ")
					+ "\n    actual:   " + JsonText.indentContinuation(this.actual, "      ") + "\n";
		};
	}

}
