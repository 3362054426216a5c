package io.migrator.core;

/**
 * A migration source is malformed. Raised before anything touches the database.
 */
public class InvalidSourceException extends MigratorException {

	private final String source;

	private final int line;

	/**
	 * Creates an exception for a problem at a line of a source.
	 * @param source the file or resource name, as shown to the user
	 * @param line the 1-based line, or 0 when the problem is not tied to a line
	 * @param problem what is wrong, e.g. "unterminated dollar quote $fn$"
	 * @param action what to do about it
	 */
	public InvalidSourceException(String source, int line, String problem, String action) {
		this(ErrorCode.INVALID_SOURCE, source, line, problem, action, null);
	}

	/**
	 * Creates an exception of a more specific kind of source problem.
	 * @param errorCode what kind of problem it is
	 * @param source the file or resource name, as shown to the user
	 * @param line the 1-based line, or 0 when the problem is not tied to a line
	 * @param problem what is wrong
	 * @param action what to do about it
	 * @param cause the underlying failure, or {@code null}
	 */
	protected InvalidSourceException(ErrorCode errorCode, String source, int line, String problem, String action,
			Throwable cause) {
		super(errorCode, format(source, line, problem, action), cause);
		this.source = source;
		this.line = line;
	}

	private static String format(String source, int line, String problem, String action) {
		String where = (line > 0) ? source + ":" + line : source;
		return where + ": " + problem + ". " + action;
	}

	/**
	 * Returns the file or resource name the problem is in.
	 * @return the source name
	 */
	public String getSource() {
		return this.source;
	}

	/**
	 * Returns the 1-based line of the problem.
	 * @return the line, or 0 when not tied to a line
	 */
	public int getLine() {
		return this.line;
	}

}
