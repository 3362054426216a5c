package io.migrator.cli;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

import io.migrator.core.LockStrategy;
import io.migrator.core.MigratorException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options shared by several commands, in groups by concern: each command mixes in only
 * the groups it uses, so its help lists only options that do something for it. The root
 * command mixes in every group, so goose's habit of giving options before the command
 * works too; a value given after the command wins.
 */
final class Options {

	private Options() {
	}

	/** A group of options that adds what was given to the resolved options. */
	interface Group {

		void addTo(GlobalOptions options);

	}

	/** Where the database is, who logs in, and how runs are kept apart. */
	static final class Database implements Group {

		@Option(names = "--url", paramLabel = "URL", description = "JDBC URL (jdbc:postgresql://localhost:5432/app) or "
				+ "goose DSN (postgres://user:pass@host:5432/app?sslmode=disable, or host=... dbname=... user=...). "
				+ "Default: $MIGRATOR_URL, else $GOOSE_DBSTRING.")
		String url;

		@Option(names = "--user", description = "Database user. Default: $MIGRATOR_USER, else the DSN's.")
		String user;

		@Option(names = "--password", description = "Database password. Default: $MIGRATOR_PASSWORD, else the DSN's, "
				+ "else $PGPASSWORD.")
		String password;

		@Option(names = "--schema", description = "Schema of the history table. Default: $MIGRATOR_SCHEMA, else the "
				+ "connection's schema.")
		String schema;

		@Option(names = "--lock", paramLabel = "auto|advisory|table|none",
				description = "How concurrent runs are kept apart. Default: auto.")
		LockStrategy lock;

		@Override
		public void addTo(GlobalOptions options) {
			options.url = (this.url != null) ? this.url : options.url;
			options.user = (this.user != null) ? this.user : options.user;
			options.password = (this.password != null) ? this.password : options.password;
			options.schema = (this.schema != null) ? this.schema : options.schema;
			options.lock = (this.lock != null) ? this.lock : options.lock;
		}

	}

	/** migrator's history table. */
	static final class HistoryTable implements Group {

		@Option(names = { "--table", "-table" },
				description = "History table. Default: $MIGRATOR_TABLE, else migrator_history.")
		String table;

		@Override
		public void addTo(GlobalOptions options) {
			options.table = (this.table != null) ? this.table : options.table;
		}

	}

	/** The migrations directories. */
	static final class Directories implements Group {

		@Option(names = { "--dir", "-dir" }, paramLabel = "DIR", description = "Migrations directory (or classpath:"
				+ "location); repeatable. Default: $MIGRATOR_DIR, else $GOOSE_MIGRATION_DIR, else the current directory.")
		List<String> dirs = new ArrayList<>();

		@Override
		public void addTo(GlobalOptions options) {
			options.dirs.addAll(this.dirs);
		}

	}

	/** How the SQL files are decoded. */
	static final class SourceEncoding implements Group {

		@Option(names = "--encoding", paramLabel = "CHARSET", converter = CharsetConverter.class,
				completionCandidates = CommonEncodings.class,
				description = "Encoding the SQL files are saved in, e.g. ISO-8859-1 or windows-1252; bytes not valid "
						+ "in it stop the run naming the file and line. Default: $MIGRATOR_ENCODING, else UTF-8.")
		Charset encoding;

		@Override
		public void addTo(GlobalOptions options) {
			options.encoding = (this.encoding != null) ? this.encoding : options.encoding;
		}

	}

	/** What undoing a migration without a down part does. */
	static final class NoDownPart implements Group {

		@Option(names = "--remove-history-row-when-no-down",
				description = "Undoing a migration that has no down part only removes its history row (its changes "
						+ "stay in the database) instead of refusing.")
		boolean removeHistoryRowWhenNoDown;

		@Override
		public void addTo(GlobalOptions options) {
			options.removeHistoryRowWhenNoDown |= this.removeHistoryRowWhenNoDown;
		}

	}

	/** How applied versions without a file are judged. */
	static final class MissingVersions implements Group {

		@Option(names = "--ignore-missing", description = "Accept applied versions that have no file here (the "
				+ "database is ahead of these files: blue/green, a rolled-back release) instead of failing.")
		boolean ignoreMissing;

		@Override
		public void addTo(GlobalOptions options) {
			options.ignoreMissing |= this.ignoreMissing;
		}

	}

	/** Compiled Java migrations. */
	static final class JavaClasses implements Group {

		@Option(names = "--classpath", paramLabel = "DIR|JAR", description = "Directory or jar of compiled Java "
				+ "migrations (classes implementing io.migrator.core.JavaMigration); repeatable.")
		List<String> classpath = new ArrayList<>();

		@Override
		public void addTo(GlobalOptions options) {
			options.classpath.addAll(this.classpath);
		}

	}

	/** How pending versions below the highest applied one are treated. */
	static final class Ordering implements Group {

		@Option(names = { "--allow-out-of-order", "--allow-missing", "-allow-missing" },
				description = "Apply pending versions below the highest applied one instead of refusing.")
		boolean allowOutOfOrder;

		@Override
		public void addTo(GlobalOptions options) {
			options.allowOutOfOrder |= this.allowOutOfOrder;
		}

	}

	/** How results are written, and where the environment comes from. */
	static final class Output implements Group {

		@Option(names = "--json", description = "Write the result to stdout as JSON (see the README's JSON contract).")
		boolean json;

		@Option(names = { "--quiet", "-q" }, description = "Print only errors, and what the command is for "
				+ "(status, version).")
		boolean quiet;

		@Option(names = { "--verbose", "-v" }, description = "Log at debug level and show stack traces.")
		boolean verbose;

		@Option(names = { "--env", "-env" }, paramLabel = "FILE",
				description = "File of environment variables. Default: .env in the working directory when it exists; "
						+ "none reads no file.")
		String env;

		@Override
		public void addTo(GlobalOptions options) {
			options.json |= this.json;
			options.quiet |= this.quiet;
			options.verbose |= this.verbose;
			options.env = (this.env != null) ? this.env : options.env;
		}

	}

	/** Reads {@code --encoding}, refusing a name the Java runtime does not know as a usage error. */
	static final class CharsetConverter implements ITypeConverter<Charset> {

		@Override
		public Charset convert(String value) {
			try {
				return CliSettings.charset(value, "--encoding");
			}
			catch (MigratorException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

	/** The encodings shell completion offers for {@code --encoding}; any other name works too. */
	static final class CommonEncodings extends ArrayList<String> {

		CommonEncodings() {
			super(List.of("UTF-8", "ISO-8859-1", "ISO-8859-15", "windows-1252", "windows-1250", "UTF-16"));
		}

	}

}
