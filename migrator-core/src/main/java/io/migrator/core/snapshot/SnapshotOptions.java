package io.migrator.core.snapshot;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link SchemaSnapshot} reads besides the schema's structure. Immutable; start
 * from {@link #defaults()} and derive with the {@code with...} methods.
 *
 * @param owners whether each object's owner is part of its definition (default: no, so a
 * schema built by another role still compares equal)
 * @param grants whether each object's privileges are part of its definition (default: no)
 * @param excludedTables tables left out with everything that belongs to them (columns,
 * constraints, indexes, triggers, owned sequences), by exact name; default none. A
 * migrator's history and lock tables belong here.
 * @param excludedKinds kinds of object left out entirely; default none
 */
public record SnapshotOptions(boolean owners, boolean grants, Set<String> excludedTables,
		Set<ObjectKind> excludedKinds) {

	private static final SnapshotOptions DEFAULTS = new SnapshotOptions(false, false, Set.of(), Set.of());

	public SnapshotOptions {
		Objects.requireNonNull(excludedTables, "'excludedTables' must not be null");
		Objects.requireNonNull(excludedKinds, "'excludedKinds' must not be null");
		excludedTables = Set.copyOf(excludedTables);
		excludedKinds = Set.copyOf(excludedKinds);
	}

	/**
	 * Returns the defaults: structure and comments, no owners, no grants, nothing excluded.
	 * @return the default options
	 */
	public static SnapshotOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns these options with owners included or not.
	 * @param include whether owners are compared
	 * @return the derived options
	 */
	public SnapshotOptions withOwners(boolean include) {
		return new SnapshotOptions(include, this.grants, this.excludedTables, this.excludedKinds);
	}

	/**
	 * Returns these options with grants included or not.
	 * @param include whether privileges are compared
	 * @return the derived options
	 */
	public SnapshotOptions withGrants(boolean include) {
		return new SnapshotOptions(this.owners, include, this.excludedTables, this.excludedKinds);
	}

	/**
	 * Returns these options with more tables excluded.
	 * @param tables exact table names (as in the catalog, e.g. {@code migrator_history})
	 * @return the derived options
	 */
	public SnapshotOptions excludingTables(String... tables) {
		Set<String> all = new TreeSet<>(this.excludedTables);
		for (String table : tables) {
			if (table == null || table.isBlank()) {
				throw new IllegalArgumentException("An excluded table name must not be empty");
			}
			all.add(table);
		}
		return new SnapshotOptions(this.owners, this.grants, all, this.excludedKinds);
	}

	/**
	 * Returns these options with more kinds of object left out, e.g. extensions when two
	 * schemas of one database are compared (a database holds an extension only once).
	 * @param kinds the kinds to leave out
	 * @return the derived options
	 */
	public SnapshotOptions excludingKinds(ObjectKind... kinds) {
		Set<ObjectKind> all = EnumSet.noneOf(ObjectKind.class);
		all.addAll(this.excludedKinds);
		all.addAll(List.of(kinds));
		return new SnapshotOptions(this.owners, this.grants, this.excludedTables, all);
	}

}
