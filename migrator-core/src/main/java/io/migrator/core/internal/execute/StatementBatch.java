package io.migrator.core.internal.execute;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements of one transaction queued as a JDBC batch, each with the point of the
 * migration it came from, so that a failed entry is named without running anything again.
 * Bounded: a batch is sent when it holds 1000 entries or 4 MB of SQL, so neither the
 * driver's queue nor this index grows with the file.
 * <p>
 * PgJDBC reports a failed batch with every update count set to "failed" and names the
 * failed entry only in its message: {@code Batch entry 3 <sql> was aborted: ...}, 0-based,
 * translated in some locales. The English form is trusted as it is; in a translation the
 * first number is taken only when that entry's SQL follows it. Otherwise the message says
 * which range of statements the failure lies in, rather than guess.
 */
final class StatementBatch implements AutoCloseable {

	private static final int MAX_ENTRIES = 1000;

	private static final long MAX_CHARS = 4L * 1024 * 1024;

	private static final Pattern ENGLISH_ENTRY = Pattern.compile("^Batch entry (\\d+) ");

	private static final Pattern FIRST_NUMBER = Pattern.compile("(\\d+) ");

	private static final int HEAD_LENGTH = 40;

	private final Statement statement;

	private final List<Entry> entries = new ArrayList<>();

	private long chars;

	private int historyWriteRows = -1;

	private StatementBatch(Statement statement) {
		this.statement = statement;
	}

	static StatementBatch open(Connection connection) throws StatementFailedException {
		try {
			Statement statement = connection.createStatement();
			statement.setEscapeProcessing(false);
			return new StatementBatch(statement);
		}
		catch (SQLException ex) {
			throw Failures.of(ExecutionPoint.TRANSACTION_START, ex, 0, false);
		}
	}

	/**
	 * Queues one statement; sends the batch when it reaches its bounds.
	 * @param sql the statement, which must return no rows
	 * @param point where it comes from
	 * @throws StatementFailedException when the driver refuses it or a send fails
	 */
	void add(String sql, ExecutionPoint point) throws StatementFailedException {
		try {
			this.statement.addBatch(sql);
		}
		catch (SQLException ex) {
			throw Failures.of(point, ex, 0, false);
		}
		this.entries.add(new Entry(point, sql.substring(0, Math.min(HEAD_LENGTH, sql.length()))));
		this.chars += sql.length();
		if (this.entries.size() >= MAX_ENTRIES || this.chars >= MAX_CHARS) {
			send();
		}
	}

	/**
	 * Sends what is queued, in one round trip; nothing when the queue is empty.
	 * @throws StatementFailedException naming the failed entry
	 */
	void send() throws StatementFailedException {
		if (this.entries.isEmpty()) {
			return;
		}
		try {
			int[] counts = this.statement.executeBatch();
			for (int i = 0; i < this.entries.size() && i < counts.length; i++) {
				if (this.entries.get(i).point().kind() == ExecutionPoint.Kind.HISTORY_WRITE) {
					this.historyWriteRows = counts[i];
				}
			}
		}
		catch (SQLException ex) {
			throw failure(ex);
		}
		finally {
			this.entries.clear();
			this.chars = 0;
		}
	}

	/**
	 * Returns how many rows the history write of this batch changed.
	 * @return the row count, -1 when no history write was sent
	 */
	int historyWriteRows() {
		return this.historyWriteRows;
	}

	private StatementFailedException failure(SQLException ex) {
		SQLException cause = (ex.getNextException() != null) ? ex.getNextException() : ex;
		int failed = (ex instanceof BatchUpdateException) ? failedEntry(ex.getMessage()) : -1;
		ExecutionPoint point = (failed >= 0) ? this.entries.get(failed).point() : statementRange();
		boolean lost = ConnectionLoss.isLost(ex);
		int commit = indexOf(ExecutionPoint.Kind.COMMIT);
		// The server stops at an error it reports for an entry, so a later COMMIT never ran. A
		// network failure only says how far the answers came; the server may have gone further.
		String state = cause.getSQLState();
		boolean serverStoppedBeforeCommit = failed >= 0 && failed < commit && !(state != null && state.startsWith("08"));
		boolean commitUncertain = lost && commit >= 0 && !serverStoppedBeforeCommit;
		return Failures.of(point, cause, 0, commitUncertain);
	}

	private int failedEntry(String message) {
		return failedEntry(message, this.entries.stream().map(Entry::head).toList());
	}

	/**
	 * Finds the 0-based entry a driver message names.
	 * @param message the BatchUpdateException's message
	 * @param heads how each entry of the batch begins
	 * @return the entry, or -1 when the message does not say for sure
	 */
	static int failedEntry(String message, List<String> heads) {
		if (message == null) {
			return -1;
		}
		Matcher english = ENGLISH_ENTRY.matcher(message);
		if (english.find()) {
			int index = Integer.parseInt(english.group(1));
			return (index < heads.size()) ? index : -1;
		}
		Matcher number = FIRST_NUMBER.matcher(message);
		if (number.find()) {
			int index = Integer.parseInt(number.group(1));
			if (index < heads.size() && message.startsWith(heads.get(index), number.end())) {
				return index;
			}
		}
		return -1;
	}

	private ExecutionPoint statementRange() {
		ExecutionPoint first = null;
		ExecutionPoint last = null;
		for (Entry entry : this.entries) {
			if (entry.point().kind() == ExecutionPoint.Kind.STATEMENT) {
				first = (first != null) ? first : entry.point();
				last = entry.point();
			}
		}
		return (first != null) ? ExecutionPoint.range(first, last) : this.entries.get(0).point();
	}

	private int indexOf(ExecutionPoint.Kind kind) {
		for (int i = 0; i < this.entries.size(); i++) {
			if (this.entries.get(i).point().kind() == kind) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public void close() {
		try {
			this.statement.close();
		}
		catch (SQLException ex) {
			// Closing a statement of a broken connection fails too; the failure was reported already.
		}
	}

	/**
	 * One queued statement: where it comes from and how it begins, to recognise it in a
	 * translated driver message.
	 */
	private record Entry(ExecutionPoint point, String head) {
	}

}
