package io.migrator.core;

import java.util.Objects;

/**
 * The one exception migrator throws. Its message says what happened, where (version,
 * file, line) and what to do; {@link #getErrorCode()} says what kind of problem it is.
 */
public class MigratorException extends RuntimeException {

	private final ErrorCode errorCode;

	public MigratorException(ErrorCode errorCode, String message) {
		this(errorCode, message, null);
	}

	public MigratorException(ErrorCode errorCode, String message, Throwable cause) {
		super(message, cause);
		this.errorCode = Objects.requireNonNull(errorCode, "'errorCode' must not be null");
	}

	/**
	 * Returns what kind of problem this is.
	 * @return the error code, never {@code null}
	 */
	public ErrorCode getErrorCode() {
		return this.errorCode;
	}

}
