package io.migrator.core.internal.authoring;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigrationAuthoring;
import io.migrator.core.MigratorException;
import io.migrator.core.UnreadableSourceException;
import io.migrator.core.internal.source.MigrationIndex;

/**
 * Creates migration files from templates and renumbers timestamp versions.
 */
final class DefaultMigrationAuthoring implements MigrationAuthoring {

	/** goose pads sequential versions to 5 digits ({@code %05v}). */
	static final int DEFAULT_SEQUENTIAL_WIDTH = 5;

	private final Path directory;

	private final Clock clock;

	DefaultMigrationAuthoring(Path directory, Clock clock) {
		this.directory = directory;
		this.clock = clock;
	}

	@Override
	public Path createSql(String name, boolean sequential) {
		String snake = snakeName(name);
		String digits = nextVersion(sequential);
		return write(digits + "_" + snake + ".sql", MigrationTemplates.SQL);
	}

	@Override
	public Path createJava(String name, boolean sequential) {
		String snake = snakeName(name);
		String className = "V" + nextVersion(sequential) + "__" + snake;
		String packageName = MigrationTemplates.packageOf(this.directory).orElse(null);
		return write(className + ".java", MigrationTemplates.java(packageName, className));
	}

	@Override
	public List<Rename> fix() {
		if (!Files.isDirectory(this.directory)) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION,
					"Cannot fix " + this.directory + ": it is not a directory. Pass the migrations directory.");
		}
		return new SequentialRenumbering(this.directory, files()).apply();
	}

	@Override
	public Path writeIndex(Charset encoding) {
		return MigrationIndex.write(this.directory, encoding);
	}

	private String nextVersion(boolean sequential) {
		List<VersionedFile> files = Files.isDirectory(this.directory) ? files() : List.of();
		String digits = sequential ? nextSequential(files)
				: VersionedFile.TIMESTAMP.format(this.clock.instant().atZone(ZoneOffset.UTC));
		long version = Long.parseLong(digits);
		for (VersionedFile file : files) {
			if (file.version() == version) {
				throw new MigratorException(ErrorCode.DUPLICATE_VERSION, "Cannot create version " + digits + " in "
						+ this.directory + ": " + file.fileName() + " already has it. "
						+ (sequential ? "Run fix first." : "Wait a second and try again, or use --sequential."));
			}
		}
		return digits;
	}

	static String nextSequential(List<VersionedFile> files) {
		long highest = 0;
		int width = DEFAULT_SEQUENTIAL_WIDTH;
		for (VersionedFile file : files) {
			if (!file.isTimestamp()) {
				highest = Math.max(highest, file.version());
				width = Math.max(width, file.digits().length());
			}
		}
		return pad(highest + 1, width);
	}

	static String pad(long version, int width) {
		String digits = Long.toString(version);
		return "0".repeat(Math.max(0, width - digits.length())) + digits;
	}

	private static String snakeName(String name) {
		String snake = (name != null) ? MigrationTemplates.snakeCase(name) : "";
		if (snake.isEmpty()) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "The migration name '" + name
					+ "' has no letters or digits: give it a name like add_users");
		}
		return snake;
	}

	private Path write(String fileName, String content) {
		try {
			Files.createDirectories(this.directory);
		}
		catch (IOException ex) {
			// Apart from the catch below: a file in the way of the directory is not a taken version.
			throw notWritten(this.directory, ex);
		}
		Path file = this.directory.resolve(fileName);
		try {
			Files.writeString(file, content, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
			return file;
		}
		catch (java.nio.file.FileAlreadyExistsException ex) {
			throw new MigratorException(ErrorCode.DUPLICATE_VERSION,
					"Cannot create " + file + ": it already exists. Choose another name.", ex);
		}
		catch (IOException ex) {
			throw notWritten(file, ex);
		}
	}

	private MigratorException notWritten(Path path, IOException ex) {
		return new MigratorException(ErrorCode.AUTHORING_FAILED, "Cannot create " + path + " (" + ex
				+ "). Check that the path to " + this.directory + " is a directory the user may write to.", ex);
	}

	private List<VersionedFile> files() {
		try (Stream<Path> paths = Files.list(this.directory)) {
			List<VersionedFile> files = new ArrayList<>();
			paths.filter(Files::isRegularFile).sorted().forEach((path) -> VersionedFile.parse(path).ifPresent(files::add));
			return files;
		}
		catch (IOException ex) {
			throw new UnreadableSourceException(this.directory.toString(), 0, "cannot be listed", ex,
					"Check that the user may read the directory");
		}
	}

}
