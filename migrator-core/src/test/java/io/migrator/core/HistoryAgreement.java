package io.migrator.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assertion every fault test ends with: the history table and the schema tell the same
 * story. Each version is given a query that answers, from the schema alone, whether that
 * version's change is in the database; a version is recorded applied exactly when its
 * change is there, and a version recorded "started" is only allowed where the test expects
 * an incomplete migration.
 */
final class HistoryAgreement {

	private final DataSource dataSource;

	private final String historyTable;

	private final Map<Long, String> evidence = new LinkedHashMap<>();

	private final List<Long> expectedIncomplete = new ArrayList<>();

	private HistoryAgreement(DataSource dataSource, String historyTable) {
		this.dataSource = dataSource;
		this.historyTable = historyTable;
	}

	static HistoryAgreement of(DataSource dataSource) {
		return new HistoryAgreement(dataSource, "public.migrator_history");
	}

	static HistoryAgreement of(DataSource dataSource, String historyTable) {
		return new HistoryAgreement(dataSource, historyTable);
	}

	/**
	 * Declares how to see a version's change in the schema.
	 * @param version the version
	 * @param presentQuery a query returning one boolean: whether the change is there, or
	 * null for a state that neither applied nor undone explains
	 * @return this
	 */
	HistoryAgreement version(long version, String presentQuery) {
		this.evidence.put(version, presentQuery);
		return this;
	}

	/**
	 * Returns evidence that a table exists and has a row; false (not an error) while the
	 * table does not exist, because the query inside runs only when it does.
	 * @param table the table
	 * @return the SQL
	 */
	static String anyRowIn(String table) {
		return "SELECT CASE WHEN to_regclass('" + table + "') IS NULL THEN false ELSE (xpath('/row/n/text()', "
				+ "query_to_xml('SELECT count(*) AS n FROM " + table + "', false, true, '')))[1]::text::int > 0 END";
	}

	/**
	 * Declares that a version may legitimately be recorded as started (a NO TRANSACTION
	 * migration cut off midway), whatever its schema evidence says.
	 * @param version the version
	 * @return this
	 */
	HistoryAgreement incomplete(long version) {
		this.expectedIncomplete.add(version);
		return this;
	}

	/**
	 * Asserts the agreement and returns the history as {@code version:state} lines.
	 * @return the history rows, ordered by version
	 */
	List<String> holds() throws SQLException {
		Map<Long, String> states = new TreeMap<>();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			if (tableExists(statement)) {
				try (ResultSet rows = statement.executeQuery("SELECT version, state FROM " + this.historyTable)) {
					while (rows.next()) {
						states.put(rows.getLong(1), rows.getString(2));
					}
				}
			}
			for (Map.Entry<Long, String> entry : this.evidence.entrySet()) {
				long version = entry.getKey();
				boolean present;
				try (ResultSet result = statement.executeQuery(entry.getValue())) {
					assertThat(result.next()).as("evidence query of version %s returns a row", version).isTrue();
					present = result.getBoolean(1);
					assertThat(result.wasNull()).as("the schema is in a state no history explains: evidence of "
							+ "version %s is neither true nor false (%s)", version, entry.getValue()).isFalse();
				}
				String state = states.get(version);
				if ("started".equals(state)) {
					assertThat(this.expectedIncomplete).as("version %s is recorded as started (incomplete)", version)
						.contains(version);
					continue;
				}
				boolean recorded = "applied".equals(state) || "baseline".equals(state);
				assertThat(recorded).as("history says version %s is %s, but its change is %s in the schema (%s)",
						version, (state != null) ? state : "not applied", present ? "present" : "absent",
						entry.getValue())
					.isEqualTo(present);
			}
		}
		assertThat(states.keySet()).as("versions recorded in %s without evidence declared by the test",
				this.historyTable)
			.isSubsetOf(this.evidence.keySet());
		return states.entrySet().stream().map((entry) -> entry.getKey() + ":" + entry.getValue()).toList();
	}

	private boolean tableExists(Statement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT to_regclass('" + this.historyTable + "') IS NOT NULL")) {
			return result.next() && result.getBoolean(1);
		}
	}

}
