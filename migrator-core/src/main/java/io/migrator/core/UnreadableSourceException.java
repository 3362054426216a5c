package io.migrator.core;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A migration file, a directory of a location or a location's index cannot be listed or
 * read: it went missing, its permissions forbid it, or the device failed. Raised before
 * the migration it belongs to touches the database; its code is
 * {@link ErrorCode#SOURCE_UNREADABLE}. A location that does not exist at all is a
 * configuration problem instead ({@link ErrorCode#INVALID_CONFIGURATION}).
 */
public class UnreadableSourceException extends InvalidSourceException {

	/**
	 * Creates an exception for a source that could not be read.
	 * @param source the file, directory or resource name, as shown to the user
	 * @param line the 1-based line reading stopped at, or 0
	 * @param problem what could not be done, e.g. "cannot be read"; the reason taken from
	 * {@code cause} is appended
	 * @param cause the failure, or {@code null} when the problem says it all
	 * @param action what to do about it
	 */
	public UnreadableSourceException(String source, int line, String problem, Exception cause, String action) {
		super(ErrorCode.SOURCE_UNREADABLE, source, line, (cause != null) ? problem + " (" + reason(cause) + ")" : problem,
				action, cause);
	}

	/**
	 * Names why reading failed in words: the file-system exceptions carry only the path as
	 * their message, which the message already shows.
	 */
	private static String reason(Exception cause) {
		if (cause instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (cause instanceof NoSuchFileException) {
			return "it does not exist";
		}
		if (cause instanceof NotDirectoryException) {
			return "it is not a directory";
		}
		if (cause instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
			return fileSystem.getReason();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
