package io.migrator.core.snapshot;

import java.util.Comparator;
import java.util.Objects;

/**
 * One object of a {@link SchemaSnapshot}: its kind, its name relative to the schema, and
 * a text that describes everything compared about it. Two objects of the same kind and
 * name are equal in schema terms when their definitions are equal.
 *
 * @param kind what kind of object this is
 * @param name the name, relative to the schema read and quoted where SQL needs quotes
 * (e.g. {@code orders.customer_id} for a column, {@code "Order Lines".id} for one of a
 * table named with capitals and a space, {@code total(integer, integer)} for a function;
 * empty for the schema itself)
 * @param definition what is compared: type, nullability, default, definition text, body
 * hash, comment and, when asked for, owner and grants
 */
public record SchemaObject(ObjectKind kind, String name, String definition) {

	/** Snapshot order: by kind (containers first), then by name. */
	static final Comparator<SchemaObject> ORDER = Comparator.comparing(SchemaObject::kind)
		.thenComparing(SchemaObject::name);

	public SchemaObject {
		Objects.requireNonNull(kind, "'kind' must not be null");
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(definition, "'definition' must not be null");
	}

	/**
	 * Returns the key that identifies this object within a snapshot.
	 * @return kind and name, e.g. {@code column orders.id}; the kind alone for the schema
	 * itself, whose name is empty
	 */
	public String key() {
		return key(this.kind, this.name);
	}

	static String key(ObjectKind kind, String name) {
		return name.isEmpty() ? kind.displayName() : kind.displayName() + " " + name;
	}

	/**
	 * Returns the key followed by the definition, the way snapshot and diff text show it.
	 * @return e.g. {@code column orders.id: bigint not null}, or the key alone when the
	 * definition is empty
	 */
	String keyAndDefinition() {
		return this.definition.isEmpty() ? key() : key() + ": " + JsonText.indentContinuation(this.definition, "    ");
	}

}
