package io.migrator.core.internal.parse;

import java.util.List;

import io.migrator.core.Direction;

/**
 * One statement of a SQL migration, ready to be sent to the database.
 *
 * @param direction the section the statement belongs to
 * @param sql the statement as written, comments included, with leading whitespace (and a
 * block's trailing whitespace) removed, lines ending with {@code \n} whatever the file
 * used, annotation lines left out; ENVSUB references are already replaced
 * @param line the 1-based line of the file where the statement text begins
 * @param number the 1-based position of the statement within its direction, as error
 * messages count it ("statement 3")
 * @param block whether the statement is a {@code StatementBegin}/{@code StatementEnd}
 * block: sent to the database as one query however many SQL statements it holds, so it
 * cannot travel in a JDBC batch
 * @param emptiedVariables the ENVSUB variables that had no value and were replaced by
 * nothing in this statement, as goose replaces them; empty when there were none
 */
public record SqlStatement(Direction direction, String sql, int line, int number, boolean block,
		List<String> emptiedVariables) {

}
