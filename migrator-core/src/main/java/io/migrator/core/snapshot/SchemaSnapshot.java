package io.migrator.core.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;

/**
 * The structure of one PostgreSQL schema, read from the catalog: an immutable, ordered
 * list of {@link SchemaObject}s whose names are relative to the schema, so snapshots of
 * two schemas with different names compare with {@link SchemaDiff#between}.
 * <p>
 * Reading takes a fixed handful of catalog queries whatever the number of objects, and
 * changes nothing in the database (the connection's {@code search_path} is set while
 * reading, so that generated definitions name objects of the schema without it, and put
 * back afterwards).
 */
public final class SchemaSnapshot {

	private final String schema;

	private final Map<String, SchemaObject> objects;

	SchemaSnapshot(String schema, List<SchemaObject> objects) {
		this.schema = Objects.requireNonNull(schema, "'schema' must not be null");
		List<SchemaObject> sorted = new ArrayList<>(objects);
		sorted.sort(SchemaObject.ORDER);
		Map<String, SchemaObject> byKey = new LinkedHashMap<>();
		for (SchemaObject object : sorted) {
			if (byKey.putIfAbsent(object.key(), object) != null) {
				throw new IllegalArgumentException("Two objects share the key '" + object.key() + "'");
			}
		}
		this.objects = Collections.unmodifiableMap(byKey);
	}

	/**
	 * Reads a schema through an open connection, which is left open and as it was.
	 * @param connection the connection
	 * @param schema the schema's exact name (as in the catalog, e.g. {@code public})
	 * @param options what to read besides the structure
	 * @return the snapshot
	 * @throws MigratorException ({@link ErrorCode#SNAPSHOT_FAILED}) when the schema does
	 * not exist or the catalog cannot be read
	 */
	public static SchemaSnapshot read(Connection connection, String schema, SnapshotOptions options) {
		Objects.requireNonNull(connection, "'connection' must not be null");
		Objects.requireNonNull(schema, "'schema' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		return new SnapshotReader(connection, schema, options).read();
	}

	/**
	 * Reads a schema through a connection of its own from {@code dataSource}.
	 * @param dataSource where the schema lives
	 * @param schema the schema's exact name
	 * @param options what to read besides the structure
	 * @return the snapshot
	 * @throws MigratorException ({@link ErrorCode#SNAPSHOT_FAILED}) when the schema does
	 * not exist or the database cannot be read
	 */
	public static SchemaSnapshot read(DataSource dataSource, String schema, SnapshotOptions options) {
		Objects.requireNonNull(dataSource, "'dataSource' must not be null");
		try (Connection connection = dataSource.getConnection()) {
			return read(connection, schema, options);
		}
		catch (SQLException ex) {
			throw new MigratorException(ErrorCode.SNAPSHOT_FAILED, "Could not connect to read schema '" + schema
					+ "': " + ex.getMessage() + ". Check that the database is reachable and the credentials are right.",
					ex);
		}
	}

	/**
	 * Returns the name of the schema this snapshot was read from. It is not compared: a
	 * scratch schema equals the live schema it mirrors.
	 * @return the schema name
	 */
	public String schema() {
		return this.schema;
	}

	/**
	 * Returns every object, by kind (containers first) then name.
	 * @return the objects, unmodifiable
	 */
	public List<SchemaObject> objects() {
		return List.copyOf(this.objects.values());
	}

	/**
	 * Finds one object.
	 * @param kind its kind
	 * @param name its name relative to the schema, quoted as in {@link SchemaObject#name()}
	 * @return the object, or empty when the schema has none of that kind and name
	 */
	public Optional<SchemaObject> find(ObjectKind kind, String name) {
		return Optional.ofNullable(this.objects.get(SchemaObject.key(kind, name)));
	}

	Map<String, SchemaObject> byKey() {
		return this.objects;
	}

	/**
	 * Returns a stable text form: one line per object, {@code kind name: definition}, with
	 * the continuation lines of multi-line definitions indented. The same schema always
	 * gives the same text, so it can be stored and compared in version control.
	 * @return the text, ending with a line break when not empty
	 */
	public String toText() {
		StringBuilder out = new StringBuilder();
		for (SchemaObject object : this.objects.values()) {
			out.append(object.keyAndDefinition()).append('\n');
		}
		return out.toString();
	}

	/**
	 * Returns a stable JSON form:
	 * {@code {"schema":"...","objects":[{"kind":"table","name":"...","definition":"..."}]}}.
	 * @return the JSON text
	 */
	public String toJson() {
		StringBuilder out = new StringBuilder("{\"schema\":");
		JsonText.string(out, this.schema).append(",\"objects\":[");
		boolean first = true;
		for (SchemaObject object : this.objects.values()) {
			out.append(first ? "" : ",").append("{\"kind\":");
			JsonText.string(out, object.kind().displayName()).append(",\"name\":");
			JsonText.string(out, object.name()).append(",\"definition\":");
			JsonText.string(out, object.definition()).append('}');
			first = false;
		}
		return out.append("]}").toString();
	}

	@Override
	public String toString() {
		return "SchemaSnapshot[schema=" + this.schema + ", objects=" + this.objects.size() + "]";
	}

}
