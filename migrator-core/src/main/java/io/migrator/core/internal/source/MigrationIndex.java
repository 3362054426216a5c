package io.migrator.core.internal.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.migrator.core.ErrorCode;
import io.migrator.core.InvalidSourceException;
import io.migrator.core.MigratorException;
import io.migrator.core.UnreadableSourceException;
import io.migrator.core.internal.parse.SqlScriptFormat;
import io.migrator.core.internal.parse.SqlScriptSummary;

/**
 * The build-time index of a classpath location: the resource {@value #FILE_NAME} at the
 * root of the location (e.g. {@code db/migrations/migrator.index}) lists every file below
 * it with the SHA-256 of its bytes and whether it runs without a transaction, so that a
 * start reads one resource instead of listing a jar (impossible in a native image) and
 * hashing every file.
 * <p>
 * Format, UTF-8 text, lines end with {@code \n}, fields are separated by one tab:
 * <pre>
 * migrator-index	format=1	files=4
 * 00001_init.sql	sha256=3a7b...	transaction=yes
 * 00002_index.sql	sha256=91c0...	transaction=no
 * 00003_pair.up.sql	sha256=5d2e...	transaction=yes	migration-sha256=0f4c...
 * 00003_pair.down.sql	sha256=77aa...	transaction=yes
 * </pre>
 * The first line names the format version and the number of file lines that follow (a
 * truncated index is refused). Each file line starts with the path relative to the
 * location root ({@code /}-separated; files in sub-directories are listed too, and only
 * used when scanning is recursive), then {@code key=value} fields: {@code sha256} of the
 * file bytes; {@code transaction} = {@code yes}, {@code no} (the file holds
 * {@code -- +goose NO TRANSACTION}) or {@code -} (not a SQL file, e.g. a Java migration's
 * class); and, on the {@code .up.sql} of a golang-migrate pair with a down file,
 * {@code migration-sha256}: the checksum the history records for the pair (SHA-256 of the
 * up bytes followed by the down bytes). Readers ignore keys they do not know, so later
 * formats can add fields.
 * <p>
 * Trust: the index says what the files were when the artifact was built. A file edited
 * since is caught where it matters: every file is hashed again before it is applied or
 * undone, and by {@code validate} (see {@link SqlMigrationSource#verifyAgainstIndex()}).
 * A file added or removed since is caught by the scanner where listing is cheap (a
 * directory on the class path, e.g. {@code target/classes} in an IDE): it compares the
 * listed names with the index and, when they differ, warns and scans the directory as if
 * there were no index. In a jar (and in a native image) the index is trusted, because the
 * build that packs the jar writes the index in the same run (the {@code index} goal of
 * {@code migrator-maven-plugin} at {@code process-resources}).
 *
 * @param entries the files, by location-relative path, in name order
 */
public record MigrationIndex(Map<String, Entry> entries) {

	/** The resource name, at the root of a location. */
	public static final String FILE_NAME = "migrator.index";

	static final int FORMAT = 1;

	private static final String HEADER = "migrator-index";

	/**
	 * Creates an index.
	 * @param entries the files, by location-relative path
	 */
	public MigrationIndex {
		entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
	}

	/**
	 * One indexed file.
	 *
	 * @param sha256 SHA-256 of the file bytes, 64 lowercase hex digits
	 * @param transactional {@code TRUE}/{@code FALSE} for a SQL file (with or without
	 * {@code NO TRANSACTION}), {@code null} for other files
	 * @param migrationSha256 for the up file of a pair with a down file, the pair's checksum;
	 * otherwise {@code null}
	 */
	public record Entry(String sha256, Boolean transactional, String migrationSha256) {
	}

	/**
	 * Reads an index.
	 * @param displayName where the index comes from, for messages
	 * @param in the index bytes; not closed
	 * @return the index
	 * @throws InvalidSourceException when the index is malformed or of an unknown format
	 */
	public static MigrationIndex read(String displayName, InputStream in) {
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		try {
			String header = reader.readLine();
			int expected = parseHeader(displayName, header);
			Map<String, Entry> entries = new LinkedHashMap<>();
			int lineNumber = 1;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lineNumber++;
				if (line.isEmpty()) {
					continue;
				}
				String[] fields = line.split("\t");
				Map<String, String> values = new LinkedHashMap<>();
				for (int i = 1; i < fields.length; i++) {
					int equals = fields[i].indexOf('=');
					if (equals > 0) {
						values.put(fields[i].substring(0, equals), fields[i].substring(equals + 1));
					}
				}
				String sha256 = values.get("sha256");
				String transaction = values.get("transaction");
				if (fields[0].isEmpty() || sha256 == null || !isSha256(sha256) || transaction == null
						|| !List.of("yes", "no", "-").contains(transaction)) {
					throw malformed(displayName, lineNumber,
							"expected '<file>\\tsha256=<64 hex digits>\\ttransaction=yes|no|-', found '" + line + "'");
				}
				String migrationSha256 = values.get("migration-sha256");
				if (migrationSha256 != null && !isSha256(migrationSha256)) {
					throw malformed(displayName, lineNumber, "migration-sha256 is not 64 hex digits: '" + line + "'");
				}
				Boolean transactional = switch (transaction) {
					case "yes" -> Boolean.TRUE;
					case "no" -> Boolean.FALSE;
					default -> null;
				};
				entries.put(fields[0], new Entry(sha256, transactional, migrationSha256));
			}
			if (entries.size() != expected) {
				throw malformed(displayName, 1, "the header announces " + expected + " files but " + entries.size()
						+ " follow (a truncated or hand-edited index)");
			}
			return new MigrationIndex(entries);
		}
		catch (IOException ex) {
			throw new UnreadableSourceException(displayName, 0, "cannot be read", ex,
					"Check that the artifact holding it is complete and readable");
		}
	}

	/**
	 * Indexes every regular file below {@code directory} (recursively; except the index
	 * itself) and writes {@value #FILE_NAME} into it, replacing an older index. SQL files
	 * are parsed to find {@code NO TRANSACTION}, with every ENVSUB variable empty (their
	 * values are only known where the migrations run, where every file is parsed again
	 * before it is applied); a malformed file fails here, at build time.
	 * @param directory the root of a location, e.g. {@code target/classes/db/migrations}
	 * @param encoding how the SQL files are encoded
	 * @return the index written
	 * @throws MigratorException when the directory does not exist or a file is malformed
	 */
	public static Path write(Path directory, Charset encoding) {
		if (!Files.isDirectory(directory)) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "Cannot index " + directory
					+ ": it is not a directory. Point the index at the root of a migration location, e.g. "
					+ "target/classes/db/migrations.");
		}
		List<String> names = listFiles(directory);
		Map<String, Entry> entries = new LinkedHashMap<>();
		Map<String, String> downByUp = new LinkedHashMap<>();
		for (String name : names) {
			entries.put(name, indexFile(directory, name, encoding));
			String fileName = name.substring(name.lastIndexOf('/') + 1);
			if (fileName.toLowerCase(Locale.ROOT).endsWith(".down.sql")) {
				String up = upPartner(names, name.substring(0, name.length() - ".down.sql".length()));
				if (up != null) {
					downByUp.put(up, name);
				}
			}
		}
		downByUp.forEach((up, down) -> {
			Entry entry = entries.get(up);
			String pair = Checksums.sha256(new ResourceFile.OnFileSystem(up, directory.resolve(up)),
					new ResourceFile.OnFileSystem(down, directory.resolve(down)));
			entries.put(up, new Entry(entry.sha256(), entry.transactional(), pair));
		});
		Path index = directory.resolve(FILE_NAME);
		Path temporary = directory.resolve(FILE_NAME + ".tmp");
		try {
			try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
				out.write(HEADER + "\tformat=" + FORMAT + "\tfiles=" + entries.size() + "\n");
				for (Map.Entry<String, Entry> file : entries.entrySet()) {
					Entry entry = file.getValue();
					out.write(file.getKey() + "\tsha256=" + entry.sha256() + "\ttransaction="
							+ ((entry.transactional() == null) ? "-" : entry.transactional() ? "yes" : "no")
							+ ((entry.migrationSha256() != null) ? "\tmigration-sha256=" + entry.migrationSha256() : "")
							+ "\n");
				}
			}
			// Moved into place so that a build interrupted half-way never leaves a truncated index.
			Files.move(temporary, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new MigratorException(ErrorCode.AUTHORING_FAILED, "Cannot write the migration index " + index + ": "
					+ ex.getMessage() + ". Check that the build may write to " + directory + ".", ex);
		}
		return index;
	}

	/**
	 * Lists the files as a scan of the location would (hidden entries skipped, entries that
	 * cannot be read as files refused), so that the index and a scan agree on a directory.
	 */
	private static List<String> listFiles(Path directory) {
		List<ResourceFile> listed = new ArrayList<>();
		DirectoryListing.list(directory, "", true, listed);
		List<String> names = new ArrayList<>();
		for (ResourceFile file : listed) {
			String name = file.name().substring(1);
			if (name.equals(FILE_NAME) || name.equals(FILE_NAME + ".tmp")) {
				continue;
			}
			if (name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
				throw new InvalidSourceException(directory.resolve(name).toString(), 0,
						"the file name holds a tab or line break, which the index cannot list", "Rename the file");
			}
			names.add(name);
		}
		names.sort(null);
		return names;
	}

	private static Entry indexFile(Path directory, String name, Charset encoding) {
		Path path = directory.resolve(name);
		String fileName = path.getFileName().toString();
		if (!MigrationFileName.isSql(fileName)) {
			return new Entry(Checksums.sha256(new ResourceFile.OnFileSystem(name, path), null), null, null);
		}
		ResourceFile file = new ResourceFile.OnFileSystem(name, path);
		MigrationFileName parsed = MigrationFileName.parse(file);
		SqlScriptFormat format = (parsed.pairDirection() == null) ? SqlScriptFormat.GOOSE : SqlScriptFormat.PLAIN;
		try (InputStream in = file.open()) {
			SqlScriptSummary summary = SqlScriptSummary.read(path.toString(), in, encoding, format, parsed.pairDirection(),
					(variable) -> "");
			return new Entry(summary.checksum(), !summary.noTransaction(), null);
		}
		catch (IOException ex) {
			throw file.unreadable(ex);
		}
	}

	private static String upPartner(List<String> names, String stem) {
		for (String candidate : names) {
			if (candidate.length() == stem.length() + ".up.sql".length() && candidate.startsWith(stem)
					&& candidate.regionMatches(true, stem.length(), ".up.sql", 0, ".up.sql".length())) {
				return candidate;
			}
		}
		return null;
	}

	private static int parseHeader(String displayName, String header) {
		if (header == null) {
			throw malformed(displayName, 1, "the index is empty");
		}
		String[] fields = header.split("\t");
		if (fields.length < 3 || !fields[0].equals(HEADER) || !fields[1].startsWith("format=")
				|| !fields[2].startsWith("files=")) {
			throw malformed(displayName, 1, "expected '" + HEADER + "\\tformat=1\\tfiles=<count>', found '" + header
					+ "'");
		}
		String format = fields[1].substring("format=".length());
		if (!format.equals(Integer.toString(FORMAT))) {
			throw malformed(displayName, 1, "the index has format " + format + ", this migrator reads format "
					+ FORMAT + " (was the artifact built with a newer migrator-maven-plugin?)");
		}
		try {
			return Integer.parseInt(fields[2].substring("files=".length()));
		}
		catch (NumberFormatException ex) {
			throw malformed(displayName, 1, "the file count is not a number: '" + header + "'");
		}
	}

	private static boolean isSha256(String value) {
		return value.length() == 64 && value.chars().allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
	}

	private static InvalidSourceException malformed(String displayName, int line, String problem) {
		return new InvalidSourceException(displayName, line, "malformed migration index: " + problem,
				"Rebuild the artifact so that migrator-maven-plugin writes the index again, or delete the index "
						+ "to have the location scanned");
	}

}
