package io.migrator.core.snapshot;

import java.util.Locale;

/**
 * What kind of database object a {@link SchemaObject} is. The declaration order is the
 * order objects appear in a snapshot's text: containers before what they contain.
 */
public enum ObjectKind {

	/** The schema itself (its comment, and owner and grants when asked for). */
	SCHEMA,

	/** An extension installed into the schema. */
	EXTENSION,

	/** An enum type with its labels in order. */
	ENUM,

	/** A domain with its base type, default, nullability and check constraints. */
	DOMAIN,

	/** A composite type (its attributes are listed as {@link #COLUMN}s). */
	COMPOSITE_TYPE,

	/** A sequence not owned by an identity column. */
	SEQUENCE,

	/** A table: plain, partitioned, a partition, unlogged or foreign. */
	TABLE,

	/** A column of a table or composite type, named {@code table.column}. */
	COLUMN,

	/** A primary key, unique, foreign key, check or exclusion constraint, named {@code table.constraint}. */
	CONSTRAINT,

	/** An index not created by a constraint, with its definition and validity. */
	INDEX,

	/** A view with its definition. */
	VIEW,

	/** A materialized view with its definition. */
	MATERIALIZED_VIEW,

	/** A function, named with its argument types, with its signature and a hash of its body. */
	FUNCTION,

	/** A procedure, named with its argument types, with a hash of its body. */
	PROCEDURE,

	/** A trigger, named {@code table.trigger}, with its definition and whether it is enabled. */
	TRIGGER;

	/**
	 * Returns the lower-case name used in text and JSON, e.g. {@code materialized view}.
	 * @return the display name
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

}
