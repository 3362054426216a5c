package io.migrator.cli;

import java.util.ArrayList;
import java.util.List;

import io.migrator.core.LockStrategy;
import picocli.CommandLine.Option;

/**
 * The options every command accepts, before or after the command name. Mixed into the
 * top-level command and into each subcommand; {@link #merge(GlobalOptions, GlobalOptions)}
 * combines the two, the value after the command winning.
 */
final class GlobalOptions {

	@Option(names = "--url", paramLabel = "JDBC_URL",
			description = "JDBC URL, e.g. jdbc:postgresql://localhost:5432/app. Default: $MIGRATOR_URL.")
	String url;

	@Option(names = "--user", description = "Database user. Default: $MIGRATOR_USER.")
	String user;

	@Option(names = "--password", description = "Database password. Default: $MIGRATOR_PASSWORD.")
	String password;

	@Option(names = "--dir", paramLabel = "DIR",
			description = "Migrations directory; repeatable. Default: $MIGRATOR_DIR, else the current directory.")
	List<String> dirs = new ArrayList<>();

	@Option(names = "--table", description = "History table. Default: migrator_history.")
	String table;

	@Option(names = "--schema", description = "Schema of the history table. Default: the connection's schema.")
	String schema;

	@Option(names = "--allow-out-of-order",
			description = "Apply pending versions below the highest applied one instead of refusing.")
	boolean allowOutOfOrder;

	@Option(names = "--lock", paramLabel = "auto|advisory|table|none",
			description = "How concurrent runs are kept apart. Default: auto.")
	LockStrategy lock;

	@Option(names = "--json", description = "Write the result to stdout as JSON.")
	boolean json;

	@Option(names = "--verbose", description = "Log at debug level and show stack traces.")
	boolean verbose;

	static GlobalOptions merge(GlobalOptions before, GlobalOptions after) {
		GlobalOptions merged = new GlobalOptions();
		merged.url = (after.url != null) ? after.url : before.url;
		merged.user = (after.user != null) ? after.user : before.user;
		merged.password = (after.password != null) ? after.password : before.password;
		merged.dirs.addAll(before.dirs);
		merged.dirs.addAll(after.dirs);
		merged.table = (after.table != null) ? after.table : before.table;
		merged.schema = (after.schema != null) ? after.schema : before.schema;
		merged.allowOutOfOrder = before.allowOutOfOrder || after.allowOutOfOrder;
		merged.lock = (after.lock != null) ? after.lock : before.lock;
		merged.json = before.json || after.json;
		merged.verbose = before.verbose || after.verbose;
		return merged;
	}

}
