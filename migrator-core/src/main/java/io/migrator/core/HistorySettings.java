package io.migrator.core;

/**
 * Where the history table lives.
 *
 * @param table the history table's exact name (an unquoted configured name folded to lower
 * case)
 * @param schema the schema holding the history table, or {@code null} for the connection's
 * current schema
 * @param createSchema whether to create {@code schema} when it does not exist
 * @param useSchemaAsSearchPath whether connections get {@code schema} as their current
 * schema while migrating
 */
public record HistorySettings(String table, String schema, boolean createSchema, boolean useSchemaAsSearchPath) {

	/**
	 * Returns the name of the lock table used by {@link LockStrategy#TABLE} (and by
	 * {@link LockStrategy#AUTO} on databases without advisory locks): the history table's
	 * name with {@code _lock} appended, in the same schema.
	 * @return the lock table's name
	 */
	public String lockTable() {
		return this.table + "_lock";
	}

	/**
	 * Returns the history table as configured, for messages.
	 * @return {@code schema.table}, or {@code table} without a configured schema
	 */
	public String qualifiedName() {
		return (this.schema != null) ? this.schema + "." + this.table : this.table;
	}

}
