package io.migrator.core.internal.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import io.migrator.core.ErrorCode;
import io.migrator.core.InvalidSourceException;
import io.migrator.core.MigratorException;
import io.migrator.core.UnreadableSourceException;

/**
 * Lists a migration directory on the file system, refusing what would otherwise be
 * skipped silently, fail obscurely or block: a directory that cannot be listed (with the
 * reason: missing, not a directory, permission denied), and an
 * entry named like a migration that is not a readable regular file (a directory named
 * {@code 00001_init.sql}, a named pipe, a dangling symbolic link, a file without read
 * permission). Only attributes are read here, so a named pipe is never opened: reading one
 * would wait forever for a writer.
 */
final class DirectoryListing {

	/** The file type bits of a Unix mode, and the types worth naming in a message. */
	private static final int TYPE_MASK = 0170000;

	private static final int FIFO = 0010000;

	private static final int CHARACTER_DEVICE = 0020000;

	private static final int BLOCK_DEVICE = 0060000;

	private static final int SOCKET = 0140000;

	private DirectoryListing() {
	}

	/** What an entry of a listed directory is to the scan. */
	private enum Entry {

		/** A regular file: listed (the catalog decides whether it is a migration). */
		FILE,

		/** A directory: scanned too when recursive. */
		DIRECTORY,

		/** Neither, and not named like a migration (a socket of some daemon, say). */
		IGNORED

	}

	/**
	 * Adds the regular files of a directory (and of its sub-directories when recursive).
	 * @param directory the directory
	 * @param displayPrefix what file names are shown under, e.g. {@code db/migrations}
	 * @param recursive whether to descend into sub-directories
	 * @param files where to add the files
	 * @throws MigratorException with {@link ErrorCode#INVALID_CONFIGURATION} when the
	 * directory cannot be listed
	 * @throws InvalidSourceException when an entry named like a migration is not a regular
	 * file ({@link UnreadableSourceException} when it or a sub-directory cannot be read)
	 */
	static void list(Path directory, String displayPrefix, boolean recursive, List<ResourceFile> files) {
		requireListableDirectory(directory, directory);
		try {
			if (recursive) {
				listTree(directory, displayPrefix, files);
			}
			else {
				listFlat(directory, displayPrefix, files);
			}
		}
		catch (UncheckedIOException ex) {
			// Files.walk reports a sub-directory it cannot open while iterating.
			throw unlistable(directory, ex.getCause());
		}
		catch (DirectoryIteratorException ex) {
			throw unlistable(directory, ex.getCause());
		}
		catch (IOException ex) {
			throw unlistable(directory, ex);
		}
	}

	/**
	 * The common case, kept to one string per entry: a no-op start lists every file of the
	 * directory, 10,000 of them in a large project.
	 */
	private static void listFlat(Path directory, String displayPrefix, List<ResourceFile> files) throws IOException {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				String fileName = entry.getFileName().toString();
				if (!fileName.startsWith(".")) {
					add(entry, displayPrefix + "/" + fileName, false, directory, files);
				}
			}
		}
	}

	private static void listTree(Path directory, String displayPrefix, List<ResourceFile> files) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			Iterator<Path> entries = paths.iterator();
			while (entries.hasNext()) {
				Path entry = entries.next();
				Path relative = directory.relativize(entry);
				if (!relative.toString().isEmpty() && !isHidden(relative)) {
					add(entry, displayPrefix + "/" + relative.toString().replace('\\', '/'), true, directory, files);
				}
			}
		}
	}

	private static void add(Path entry, String display, boolean recursive, Path location, List<ResourceFile> files) {
		switch (classify(entry, display)) {
			case FILE -> files.add(new ResourceFile.OnFileSystem(display, entry));
			case DIRECTORY -> {
				if (recursive) {
					requireListableDirectory(location, entry);
				}
			}
			case IGNORED -> {
				// never opened: not something a migration location holds
			}
		}
	}

	/**
	 * Editors and file managers leave hidden entries next to the files they handle (Emacs
	 * locks such as {@code .#00001_init.sql} are dangling symbolic links, macOS writes
	 * {@code ._00001_init.sql}); goose ignores them, since they have no version prefix.
	 */
	private static boolean isHidden(Path relative) {
		for (Path part : relative) {
			if (part.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

	private static Entry classify(Path entry, String display) {
		boolean namedLikeMigration = namedLikeMigration(entry.getFileName().toString());
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(entry, BasicFileAttributes.class);
		}
		catch (IOException ex) {
			if (!namedLikeMigration) {
				return Entry.IGNORED;
			}
			if (Files.isSymbolicLink(entry)) {
				throw new UnreadableSourceException(display, 0, "is a symbolic link whose target cannot be read", ex,
						"Point the link at an existing migration file, or remove it");
			}
			throw new UnreadableSourceException(display, 0, "cannot be read", ex,
					"Make it readable by the user that runs migrator, or move it out of the location");
		}
		if (attributes.isDirectory()) {
			if (namedLikeMigration) {
				throw new InvalidSourceException(display, 0,
						"is a directory, but its name is that of a migration file",
						"Rename or move the directory: a migration must be a file");
			}
			return Entry.DIRECTORY;
		}
		if (!attributes.isRegularFile()) {
			if (!namedLikeMigration) {
				return Entry.IGNORED;
			}
			throw new InvalidSourceException(display, 0, "is " + specialFileKind(entry) + ", not a regular file, so "
					+ "migrator does not read it (reading a named pipe would wait until something writes to it)",
					"Replace it with a regular file, or move it out of the migration location");
		}
		// A SQL file is opened and hashed as soon as the location is loaded, where a denied
		// read is reported by ResourceFile.unreadable; checking first would cost a system call
		// per file on every start. A goose Go file is listed but never read.
		if (namedLikeMigration && !MigrationFileName.isSql(entry.getFileName().toString())
				&& !Files.isReadable(entry)) {
			throw unreadable(display);
		}
		return Entry.FILE;
	}

	private static UnreadableSourceException unreadable(String display) {
		return new UnreadableSourceException(display, 0, "cannot be read (permission denied)", null,
				"Make it readable by the user that runs migrator (e.g. chmod a+r), or move it out of the location");
	}

	private static boolean namedLikeMigration(String fileName) {
		return MigrationFileName.isSql(fileName) || MigrationFileName.parseGo(fileName) != null;
	}

	/**
	 * The location itself is configuration (a wrong {@code --dir} is a usage error, exit
	 * code 2 in the CLI); a sub-directory found while scanning is a source problem.
	 */
	private static void requireListableDirectory(Path location, Path directory) {
		String problem;
		String action;
		if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			problem = "does not exist";
			action = "Create it, or correct the location (--dir, migrator.locations)";
		}
		else if (!Files.isDirectory(directory)) {
			problem = Files.exists(directory) ? "is not a directory but a file"
					: "is a symbolic link whose target does not exist";
			action = "Point the location at the directory that holds the migration files";
		}
		else if (!Files.isReadable(directory) || !Files.isExecutable(directory)) {
			problem = "cannot be listed: permission denied";
			action = "Give the user that runs migrator read and execute permission on it (e.g. chmod a+rx)";
		}
		else {
			return;
		}
		if (location.equals(directory)) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION,
					"The migration directory " + directory + " " + problem + ". " + action + ".");
		}
		throw new UnreadableSourceException(directory.toString(), 0, "this sub-directory " + problem, null, action);
	}

	private static UnreadableSourceException unlistable(Path directory, IOException ex) {
		// Checked just before listing: the directory changed meanwhile.
		String where = (ex instanceof FileSystemException fileSystem && fileSystem.getFile() != null)
				? fileSystem.getFile() : directory.toString();
		return new UnreadableSourceException(where, 0, "cannot list the directory", ex,
				"Check that it exists and that the user that runs migrator may read it");
	}

	private static String specialFileKind(Path entry) {
		try {
			Object mode = Files.getAttribute(entry, "unix:mode");
			if (mode instanceof Integer bits) {
				return switch (bits & TYPE_MASK) {
					case FIFO -> "a named pipe (FIFO)";
					case SOCKET -> "a socket";
					case CHARACTER_DEVICE, BLOCK_DEVICE -> "a device";
					default -> "a special file";
				};
			}
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			// Not a Unix file system: the generic description below is still true.
		}
		return "a special file";
	}

}
