package io.migrator.core.snapshot;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;
import io.migrator.core.Sha256;

/**
 * Reads one schema from the PostgreSQL catalog with one query per kind of object.
 * <p>
 * Names are made relative to the schema by reading with {@code search_path} set to the
 * schema alone: the catalog's deparsing functions ({@code pg_get_constraintdef},
 * {@code pg_get_indexdef} in its pretty form, {@code format_type}, {@code ::regclass})
 * then leave the schema's own objects unqualified and qualify only objects elsewhere,
 * which is exactly what must compare equal between a scratch schema and a live one.
 * Objects that belong to an extension are left out: the extension stands for them.
 * Names are quoted as SQL needs them ({@code quote_ident}), so that {@code table.column}
 * keys stay unambiguous whatever the names hold.
 */
final class SnapshotReader {

	private static final String NOT_EXTENSION_MEMBER = " AND NOT EXISTS (SELECT 1 FROM pg_depend e"
			+ " WHERE e.classid = '%s'::regclass AND e.objid = %s AND e.deptype = 'e')";

	private static final String SCHEMA = "SELECT n.oid, obj_description(n.oid, 'pg_namespace'),"
			+ " pg_get_userbyid(n.nspowner), n.nspacl::text FROM pg_namespace n WHERE n.nspname = ?";

	private static final String EXTENSIONS = "SELECT quote_ident(x.extname), x.extversion, pg_get_userbyid(x.extowner)"
			+ " FROM pg_extension x WHERE x.extnamespace = ?::oid";

	private static final String TYPES = "SELECT quote_ident(t.typname), t.typtype,"
			+ " (SELECT string_agg(quote_literal(l.enumlabel), ', ' ORDER BY l.enumsortorder)"
			+ "   FROM pg_enum l WHERE l.enumtypid = t.oid),"
			+ " format_type(t.typbasetype, t.typtypmod), t.typnotnull, pg_get_expr(t.typdefaultbin, 0),"
			+ " CASE WHEN t.typcollation <> 0 AND t.typcollation <> b.typcollation THEN quote_ident(o.collname) END,"
			+ " (SELECT string_agg('constraint ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid, true),"
			+ "   ' ' ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype <> 'n'),"
			+ " obj_description(t.oid, 'pg_type'), pg_get_userbyid(t.typowner), t.typacl::text"
			+ " FROM pg_type t LEFT JOIN pg_type b ON b.oid = t.typbasetype"
			+ " LEFT JOIN pg_collation o ON o.oid = t.typcollation"
			+ " WHERE t.typnamespace = ?::oid AND t.typtype IN ('e', 'd')"
			+ NOT_EXTENSION_MEMBER.formatted("pg_type", "t.oid");

	private static final String RELATIONS = "SELECT c.relname, c.relkind, c.relpersistence, c.relrowsecurity,"
			+ " c.relforcerowsecurity, CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
			+ " (SELECT string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno)"
			+ "   FROM pg_inherits i WHERE i.inhrelid = c.oid),"
			+ " pg_get_expr(c.relpartbound, c.oid),"
			+ " CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END, c.reloptions::text,"
			+ " obj_description(c.oid, 'pg_class'), pg_get_userbyid(c.relowner), c.relacl::text,"
			+ " format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,"
			+ " (SELECT r.relname FROM pg_depend d JOIN pg_class r ON r.oid = d.refobjid"
			+ "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass"
			+ "   AND d.deptype IN ('a', 'i') AND r.relnamespace = c.relnamespace LIMIT 1),"
			+ " (SELECT d.refobjid::regclass::text || '.' || quote_ident(a.attname) FROM pg_depend d"
			+ "   JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
			+ "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass"
			+ "   AND d.deptype = 'a' LIMIT 1),"
			+ " c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
			+ "   AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i'),"
			+ " quote_ident(c.relname)"
			+ " FROM pg_class c LEFT JOIN pg_sequence s ON s.seqrelid = c.oid"
			+ " WHERE c.relnamespace = ?::oid AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S', 'c')"
			+ NOT_EXTENSION_MEMBER.formatted("pg_class", "c.oid");

	private static final String COLUMNS = "SELECT quote_ident(c.relname), quote_ident(a.attname),"
			+ " format_type(a.atttypid, a.atttypmod),"
			+ " a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,"
			+ " CASE WHEN a.attcollation <> t.typcollation THEN quote_ident(o.collname) END,"
			+ " col_description(c.oid, a.attnum), a.attacl::text"
			+ " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid"
			+ " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
			+ " LEFT JOIN pg_collation o ON o.oid = a.attcollation"
			+ " WHERE c.relnamespace = ?::oid AND c.relkind IN ('r', 'p', 'f', 'c') AND a.attnum > 0"
			+ " AND NOT a.attisdropped AND c.relname <> ALL (?)" + NOT_EXTENSION_MEMBER.formatted("pg_class", "c.oid");

	private static final String CONSTRAINTS = "SELECT quote_ident(c.relname), quote_ident(k.conname),"
			+ " pg_get_constraintdef(k.oid, true),"
			+ " obj_description(k.oid, 'pg_constraint')"
			+ " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
			+ " WHERE c.relnamespace = ?::oid AND k.contype IN ('p', 'u', 'f', 'c', 'x', 't')"
			+ " AND c.relname <> ALL (?)" + NOT_EXTENSION_MEMBER.formatted("pg_class", "c.oid");

	private static final String INDEXES = "SELECT quote_ident(i.relname), pg_get_indexdef(i.oid, 0, true), x.indisvalid,"
			+ " obj_description(i.oid, 'pg_class')"
			+ " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
			+ " WHERE i.relnamespace = ?::oid AND t.relname <> ALL (?)"
			+ " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid"
			+ "   AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x'))"
			+ NOT_EXTENSION_MEMBER.formatted("pg_class", "t.oid");

	private static final String ROUTINES = "SELECT quote_ident(p.proname), pg_get_function_identity_arguments(p.oid),"
			+ " p.prokind,"
			+ " pg_get_function_result(p.oid), l.lanname, p.provolatile, p.proisstrict, p.prosecdef, p.proparallel,"
			+ " p.proconfig::text, p.prosrc, %s, obj_description(p.oid, 'pg_proc'), pg_get_userbyid(p.proowner),"
			+ " p.proacl::text"
			+ " FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang"
			+ " WHERE p.pronamespace = ?::oid AND p.prokind IN ('f', 'p', 'w')"
			+ NOT_EXTENSION_MEMBER.formatted("pg_proc", "p.oid");

	/** SQL-standard bodies (PostgreSQL 14+) are kept parsed, with an empty {@code prosrc}. */
	private static final String SQL_BODY_SINCE_14 = "CASE WHEN p.prosqlbody IS NOT NULL"
			+ " THEN pg_get_function_sqlbody(p.oid) END";

	private static final String TRIGGERS = "SELECT quote_ident(c.relname), quote_ident(g.tgname),"
			+ " pg_get_triggerdef(g.oid, true), g.tgenabled,"
			+ " obj_description(g.oid, 'pg_trigger')"
			+ " FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid"
			+ " WHERE c.relnamespace = ?::oid AND NOT g.tgisinternal AND c.relname <> ALL (?)";

	private final Connection connection;

	private final String schema;

	private final SnapshotOptions options;

	private final List<SchemaObject> objects = new ArrayList<>();

	private long schemaOid;

	SnapshotReader(Connection connection, String schema, SnapshotOptions options) {
		this.connection = connection;
		this.schema = schema;
		this.options = options;
	}

	SchemaSnapshot read() {
		try {
			String searchPath = replaceSearchPath(quoteIdentifier(this.schema));
			try {
				readSchema();
				readExtensions();
				readTypes();
				readRelations();
				readColumns();
				readConstraints();
				readIndexes();
				readRoutines();
				readTriggers();
			}
			finally {
				replaceSearchPath(searchPath);
			}
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.SNAPSHOT_FAILED, "Could not read schema '" + this.schema
					+ "' from the catalog: " + ex.getMessage()
					+ ". Check that the connection's role may read the catalog and that no transaction on it has failed.",
					ex);
		}
		return new SchemaSnapshot(this.schema, this.objects);
	}

	/** Sets the session's search path and returns the one it replaced. */
	private String replaceSearchPath(String path) throws SQLException {
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT current_setting('search_path'), set_config('search_path', ?, false)")) {
			statement.setString(1, path);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getString(1);
			}
		}
	}

	private void readSchema() throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(SCHEMA)) {
			statement.setString(1, this.schema);
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					throw new MigratorException(ErrorCode.SNAPSHOT_FAILED, "Schema '" + this.schema
							+ "' does not exist in this database. Check the schema name (it is case-sensitive).");
				}
				this.schemaOid = row.getLong(1);
				add(ObjectKind.SCHEMA, "", new Definition().comment(row.getString(2)).owner(row.getString(3))
					.grants(row.getString(4)));
			}
		}
	}

	private void readExtensions() throws SQLException {
		query(EXTENSIONS, false, (row) -> add(ObjectKind.EXTENSION, row.getString(1),
				new Definition().add("version " + row.getString(2)).owner(row.getString(3))));
	}

	private void readTypes() throws SQLException {
		query(TYPES, false, (row) -> {
			if ("e".equals(row.getString(2))) {
				add(ObjectKind.ENUM, row.getString(1), new Definition().add("(" + row.getString(3) + ")")
					.comment(row.getString(9)).owner(row.getString(10)).grants(row.getString(11)));
			}
			else {
				add(ObjectKind.DOMAIN, row.getString(1), new Definition().add(row.getString(4))
					.addIf(row.getString(7) != null, "collate " + row.getString(7))
					.addIf(row.getBoolean(5), "not null")
					.addIf(row.getString(6) != null, "default " + row.getString(6))
					.addIf(row.getString(8) != null, row.getString(8))
					.comment(row.getString(9)).owner(row.getString(10)).grants(row.getString(11)));
			}
		});
	}

	private void readRelations() throws SQLException {
		query(RELATIONS, false, (row) -> {
			String catalogName = row.getString(1);
			String owningTable = row.getString(21);
			Definition definition = switch (row.getString(2)) {
				case "v", "m" -> new Definition().add(row.getString(9).strip());
				case "S" -> new Definition().add(row.getString(14))
					.add("start " + row.getLong(15) + " increment " + row.getLong(16) + " min " + row.getLong(17)
							+ " max " + row.getLong(18) + " cache " + row.getLong(19))
					.addIf(row.getBoolean(20), "cycle")
					.addIf(row.getString(22) != null, "owned by " + row.getString(22));
				default -> new Definition().addIf("f".equals(row.getString(2)), "foreign")
					.addIf("u".equals(row.getString(3)), "unlogged")
					.addIf(row.getString(6) != null, "partition by " + row.getString(6))
					.addIf(row.getString(8) != null, "partition of " + row.getString(7) + " " + row.getString(8))
					.addIf(row.getString(8) == null && row.getString(7) != null, "inherits " + row.getString(7))
					.addIf(row.getBoolean(4), "row level security")
					.addIf(row.getBoolean(5), "forced");
			};
			boolean excluded = this.options.excludedTables().contains(catalogName)
					|| (owningTable != null && this.options.excludedTables().contains(owningTable));
			boolean identitySequence = row.getBoolean(23);
			if (excluded || identitySequence) {
				return;
			}
			definition.addIf(row.getString(10) != null, "with " + row.getString(10))
				.comment(row.getString(11))
				.owner(row.getString(12))
				.grants(row.getString(13));
			add(relationKind(row.getString(2)), row.getString(24), definition);
		});
	}

	private static ObjectKind relationKind(String relkind) {
		return switch (relkind) {
			case "v" -> ObjectKind.VIEW;
			case "m" -> ObjectKind.MATERIALIZED_VIEW;
			case "S" -> ObjectKind.SEQUENCE;
			case "c" -> ObjectKind.COMPOSITE_TYPE;
			default -> ObjectKind.TABLE;
		};
	}

	private void readColumns() throws SQLException {
		query(COLUMNS, true, (row) -> {
			String expression = row.getString(5);
			String generated = row.getString(7);
			String identity = row.getString(6);
			add(ObjectKind.COLUMN, row.getString(1) + "." + row.getString(2), new Definition().add(row.getString(3))
				.addIf(row.getString(8) != null, "collate " + row.getString(8))
				.addIf(row.getBoolean(4), "not null")
				.addIf("a".equals(identity), "generated always as identity")
				.addIf("d".equals(identity), "generated by default as identity")
				.addIf("s".equals(generated), "generated always as (" + expression + ") stored")
				.addIf(expression != null && !"s".equals(generated), "default " + expression)
				.comment(row.getString(9))
				.grants(row.getString(10)));
		});
	}

	private void readConstraints() throws SQLException {
		query(CONSTRAINTS, true, (row) -> add(ObjectKind.CONSTRAINT, row.getString(1) + "." + row.getString(2),
				new Definition().add(row.getString(3)).comment(row.getString(4))));
	}

	private void readIndexes() throws SQLException {
		query(INDEXES, true, (row) -> add(ObjectKind.INDEX, row.getString(1), new Definition().add(row.getString(2))
			.addIf(!row.getBoolean(3), "INVALID")
			.comment(row.getString(4))));
	}

	private void readRoutines() throws SQLException {
		String sqlBody = (this.connection.getMetaData().getDatabaseMajorVersion() >= 14) ? SQL_BODY_SINCE_14 : "NULL";
		query(ROUTINES.formatted(sqlBody), false, (row) -> {
			boolean procedure = "p".equals(row.getString(3));
			String body = row.getString(11) + ((row.getString(12) != null) ? row.getString(12) : "");
			Definition definition = new Definition().addIf(!procedure, "returns " + row.getString(4))
				.addIf("w".equals(row.getString(3)), "window")
				.add("language " + row.getString(5))
				.addIf(!procedure, volatility(row.getString(6)))
				.addIf(row.getBoolean(7), "strict")
				.addIf(row.getBoolean(8), "security definer")
				.addIf(!procedure && !"u".equals(row.getString(9)), parallel(row.getString(9)))
				.addIf(row.getString(10) != null, "set " + row.getString(10))
				.add("body " + bodyHash(body))
				.comment(row.getString(13))
				.owner(row.getString(14))
				.grants(row.getString(15));
			add(procedure ? ObjectKind.PROCEDURE : ObjectKind.FUNCTION, row.getString(1) + "(" + row.getString(2) + ")",
					definition);
		});
	}

	private static String volatility(String code) {
		return switch (code) {
			case "i" -> "immutable";
			case "s" -> "stable";
			default -> "volatile";
		};
	}

	private static String parallel(String code) {
		return "s".equals(code) ? "parallel safe" : "parallel restricted";
	}

	/**
	 * Hashes a routine's body: the body itself can be long, and a hash is enough to say
	 * that it changed (the definition in the migration file says how).
	 */
	static String bodyHash(String body) {
		// The first 8 bytes (16 hex digits) tell bodies apart without filling the report.
		return "sha256:" + Sha256.ofText(body).substring(0, 16);
	}

	private void readTriggers() throws SQLException {
		query(TRIGGERS, true, (row) -> add(ObjectKind.TRIGGER, row.getString(1) + "." + row.getString(2),
				new Definition().add(row.getString(3))
					.addIf(!"O".equals(row.getString(4)), triggerFiring(row.getString(4)))
					.comment(row.getString(5))));
	}

	private static String triggerFiring(String code) {
		return switch (code) {
			case "D" -> "disabled";
			case "R" -> "enabled replica";
			default -> "enabled always";
		};
	}

	private void add(ObjectKind kind, String name, Definition definition) {
		if (!this.options.excludedKinds().contains(kind)) {
			this.objects.add(new SchemaObject(kind, name, definition.toString()));
		}
	}

	private void query(String sql, boolean withExcludedTables, RowReader reader) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setLong(1, this.schemaOid);
			Array excluded = null;
			if (withExcludedTables) {
				excluded = this.connection.createArrayOf("text", this.options.excludedTables().toArray());
				statement.setArray(2, excluded);
			}
			try (ResultSet row = statement.executeQuery()) {
				while (row.next()) {
					reader.read(row);
				}
			}
			finally {
				if (excluded != null) {
					excluded.free();
				}
			}
		}
	}

	private static String quoteIdentifier(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	@FunctionalInterface
	private interface RowReader {

		void read(ResultSet row) throws SQLException;

	}

	/**
	 * Builds an object's definition: words joined by single spaces, then comment, owner
	 * and grants (the last two only when the options ask for them).
	 */
	private final class Definition {

		private final List<String> parts = new ArrayList<>();

		Definition add(String part) {
			this.parts.add(part);
			return this;
		}

		Definition addIf(boolean condition, String part) {
			return condition ? add(part) : this;
		}

		Definition comment(String comment) {
			return (comment != null) ? add("comment '" + comment.replace("'", "''") + "'") : this;
		}

		Definition owner(String owner) {
			return addIf(SnapshotReader.this.options.owners(), "owner " + owner);
		}

		Definition grants(String acl) {
			return addIf(SnapshotReader.this.options.grants() && acl != null, "grants " + acl);
		}

		@Override
		public String toString() {
			return String.join(" ", this.parts);
		}

	}

}
