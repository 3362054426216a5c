package io.migrator.test;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import io.migrator.testsupport.TestDatabase;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Loads a plain-format {@code pg_dump} file into a database over JDBC, without psql: the
 * SQL is sent as one simple query (one implicit transaction, so a failure leaves nothing
 * behind), and the server's error position is turned back into a line of the file.
 */
final class PlainDump {

	/** psql meta-commands pg_dump writes around a plain dump since 17.6, 16.10, 15.14. */
	private static final Pattern RESTRICT = Pattern.compile("\\\\(un)?restrict( .*)?");

	private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?i)COPY .* FROM stdin;\\s*");

	/** SQLState undefined_object, as for a role the dump names that this server lacks. */
	private static final String UNDEFINED_OBJECT = "42704";

	private PlainDump() {
	}

	static void load(Path dump, TestDatabase database) {
		String sql = readWithoutMetaCommands(dump);
		Properties properties = new Properties();
		properties.setProperty("user", database.user());
		properties.setProperty("password", database.password());
		// One Query message: the server reports error positions within the whole file.
		properties.setProperty("preferQueryMode", "simple");
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalArgumentException("Could not load dump " + dump + where(ex, sql) + ": " + ex.getMessage()
					+ " (SQLState " + ex.getSQLState() + "). Nothing of the dump was kept." + advice(ex), ex);
		}
	}

	/**
	 * Reads the dump, blanking the restrict meta-commands (keeping line numbers) and
	 * refusing what only psql could run.
	 */
	private static String readWithoutMetaCommands(Path dump) {
		List<String> lines;
		try {
			lines = Files.readAllLines(dump, StandardCharsets.UTF_8);
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException("Dump " + dump + " is not UTF-8; dump with --encoding=UTF8", ex);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Could not read dump " + dump + ": " + ex.getMessage(), ex);
		}
		StringBuilder sql = new StringBuilder();
		for (int index = 0; index < lines.size(); index++) {
			String line = lines.get(index);
			if (RESTRICT.matcher(line).matches()) {
				line = "";
			}
			else if (line.startsWith("\\")) {
				throw new IllegalArgumentException("Dump " + dump + " line " + (index + 1) + " holds the psql command '"
						+ line.split(" ", 2)[0] + "', which only psql runs; dump one database in plain format "
						+ "(pg_dump --format=plain DATABASE), not pg_dumpall");
			}
			else if (COPY_FROM_STDIN.matcher(line).matches()) {
				throw new IllegalArgumentException("Dump " + dump + " line " + (index + 1) + " holds table data in COPY "
						+ "format, which only psql loads; dump the data with --inserts (e.g. pg_dump --data-only "
						+ "--inserts --table=migrator_history)");
			}
			sql.append(line).append('\n');
		}
		return sql.toString();
	}

	private static String where(SQLException ex, String sql) {
		if (ex instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
			ServerErrorMessage server = psql.getServerErrorMessage();
			int position = server.getPosition();
			if (position > 0 && position <= sql.length()) {
				return " at line " + lineOf(sql, position - 1);
			}
		}
		return "";
	}

	private static long lineOf(String text, int offset) {
		return text.substring(0, offset).chars().filter((c) -> c == '\n').count() + 1;
	}

	private static String advice(SQLException ex) {
		if (UNDEFINED_OBJECT.equals(ex.getSQLState()) && ex.getMessage().contains("role ")) {
			return " If it names a role of the dumped server, dump with --no-owner --no-privileges.";
		}
		return "";
	}

}
