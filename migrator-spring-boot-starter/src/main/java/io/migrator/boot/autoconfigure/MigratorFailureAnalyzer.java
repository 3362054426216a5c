package io.migrator.boot.autoconfigure;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import io.migrator.core.InvalidSourceException;
import io.migrator.core.MigrationFailedException;
import io.migrator.core.MigrationFailedException.FailureLocation;
import io.migrator.core.MigratorException;
import io.migrator.core.UnreadableSourceException;
import io.migrator.core.ValidationProblem.Kind;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start that failed in migrator: which migration failed and where, or why the
 * startup guard refused, and what to do about it. Messages never include connection
 * details.
 */
class MigratorFailureAnalyzer extends AbstractFailureAnalyzer<MigratorException> {

	private static final String NL = System.lineSeparator();

	private static final String UNREACHABLE = "migrator could not reach the database. Check the JDBC URL (host, "
			+ "port, database) migrations use, migrator.url or else spring.datasource.url, and that the server "
			+ "accepts connections from here.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigratorException cause) {
		if (cause instanceof MigrationFailedException failed) {
			return migrationFailed(failed, cause);
		}
		if (cause instanceof SchemaNotAppliedException refused) {
			return schemaNotApplied(refused);
		}
		if (cause instanceof NoMigrationDataSourceException noDataSource) {
			return new FailureAnalysis("migrator cannot choose the DataSource to migrate: the application has "
					+ noDataSource.getCandidates().size() + " DataSource beans " + noDataSource.getCandidates()
					+ " and none is @Primary or qualified with @MigratorDataSource.",
					"Mark the DataSource to migrate with @MigratorDataSource (or the application's main one with "
							+ "@Primary), or give migrations their own connection with migrator.url.",
					cause);
		}
		if (cause instanceof UnreadableSourceException unreadable) {
			return new FailureAnalysis("A migration source cannot be read:" + NL + NL + "    " + unreadable.getMessage(),
					"Make " + unreadable.getSource() + " readable to the application (it must exist and its "
							+ "permissions allow reading); nothing was applied.",
					cause);
		}
		if (cause instanceof InvalidSourceException invalid) {
			return new FailureAnalysis("A migration source is invalid:" + NL + NL + "    " + invalid.getMessage(),
					"Fix " + invalid.getSource() + ((invalid.getLine() > 0) ? " at line " + invalid.getLine() : "")
							+ "; nothing was applied.",
					cause);
		}
		return new FailureAnalysis("Migrator failed (" + cause.getErrorCode() + "):" + NL + NL + "    "
				+ cause.getMessage(), actionFor(cause), cause);
	}

	private FailureAnalysis migrationFailed(MigrationFailedException failed, MigratorException cause) {
		FailureLocation location = failed.getLocation();
		StringBuilder description = new StringBuilder("Migration failed");
		if (location == null) {
			description.append(':').append(NL).append(NL).append("    ").append(failed.getMessage());
			return new FailureAnalysis(description.toString(), "Fix the failed migration and restart.", cause);
		}
		description.append(" at version ").append(location.version()).append(':').append(NL).append(NL);
		line(description, "File", location.source());
		if (location.statementNumber() > 0) {
			line(description, "Statement", "#" + location.statementNumber());
		}
		if (location.line() > 0) {
			line(description, "Line", String.valueOf(location.line()));
		}
		if (location.sqlState() != null) {
			line(description, "SQLState", location.sqlState());
		}
		line(description, "Message", location.databaseMessage());
		int applied = (failed.getPartialResult() != null) ? failed.getPartialResult().migrations().size() - 1 : 0;
		if (applied > 0) {
			description.append(NL)
				.append("Versions applied before the failure stay applied (")
				.append(applied)
				.append(").");
		}
		String action = "Fix " + location.source() + ((location.line() > 0) ? " at line " + location.line() : "")
				+ " and restart. " + consequence(failed);
		return new FailureAnalysis(description.toString().stripTrailing(), action, cause);
	}

	// Name only the case that applied.
	private static String consequence(MigrationFailedException failed) {
		long version = failed.getLocation().version();
		return switch (failed.getAftermath()) {
			case ROLLED_BACK -> "Its transaction was rolled back, so nothing of version " + version + " is applied.";
			case INCOMPLETE -> "It ran without a transaction (NO TRANSACTION) and part of it stays committed, so "
					+ "version " + version + " is marked incomplete: check the schema, undo those statements by hand "
					+ "(the next run applies all of it again), then run 'migrator repair' before restarting.";
			case NOTHING_COMMITTED -> "It ran without a transaction (NO TRANSACTION), but nothing of it was committed.";
			case UNKNOWN -> "The message above says what of version " + version
					+ " is applied; 'migrator status' shows it.";
		};
	}

	private FailureAnalysis schemaNotApplied(SchemaNotAppliedException refused) {
		StringBuilder description = new StringBuilder(
				"The database schema is not fully applied and migrator.mode=validate refuses to start:")
			.append(NL)
			.append(NL);
		if (!refused.versionsWith(Kind.NO_HISTORY).isEmpty()) {
			description.append("    The history table does not exist: no migration was ever applied.").append(NL);
		}
		versions(description, "Pending", refused.versionsWith(Kind.PENDING));
		versions(description, "Out of order", refused.versionsWith(Kind.OUT_OF_ORDER));
		versions(description, "Incomplete", refused.versionsWith(Kind.INCOMPLETE));
		versions(description, "Checksum changed", refused.versionsWith(Kind.CHECKSUM_CHANGED));
		versions(description, "Description changed", refused.versionsWith(Kind.DESCRIPTION_CHANGED));
		description.append(NL).append(refused.getResult().describe());
		StringBuilder action = new StringBuilder();
		if (!refused.versionsWith(Kind.PENDING).isEmpty() || !refused.versionsWith(Kind.NO_HISTORY).isEmpty()
				|| !refused.versionsWith(Kind.OUT_OF_ORDER).isEmpty()) {
			action.append("Apply the migrations before starting this version: run the migration job "
					+ "(migrator.mode=job) or 'migrator up', or start with migrator.mode=apply.");
		}
		if (!refused.versionsWith(Kind.INCOMPLETE).isEmpty()) {
			append(action, "A NO TRANSACTION migration did not finish: check the schema, then run 'migrator repair'.");
		}
		if (!refused.versionsWith(Kind.CHECKSUM_CHANGED).isEmpty()
				|| !refused.versionsWith(Kind.DESCRIPTION_CHANGED).isEmpty()) {
			append(action, "An applied migration was changed: restore the file as it was applied, or accept the "
					+ "change with 'migrator repair'.");
		}
		return new FailureAnalysis(description.toString().stripTrailing(), action.toString(), refused);
	}

	private String actionFor(MigratorException cause) {
		SQLException database = sqlException(cause);
		String sqlState = (database != null) ? database.getSQLState() : null;
		if (sqlState != null && (sqlState.equals("28P01") || sqlState.equals("28000"))) {
			return "The database refused the login. Check the credentials migrations use: migrator.user and "
					+ "migrator.password (with migrator.url), else spring.datasource.username and "
					+ "spring.datasource.password.";
		}
		if (sqlState != null && sqlState.startsWith("08")) {
			return UNREACHABLE;
		}
		if ("3F000".equals(sqlState)) {
			return "The schema for the history table does not exist and migrator.create-schema=false forbids "
					+ "creating it: create the schema (CREATE SCHEMA ...), set migrator.create-schema=true, or "
					+ "correct migrator.schema.";
		}
		return switch (cause.getErrorCode()) {
			case INVALID_SOURCE, DUPLICATE_VERSION -> "Fix the migration files named above; nothing was applied.";
			case INVALID_CONFIGURATION -> "Check the migrator.* properties and MigratorCustomizer beans.";
			case CONNECTION_FAILED -> UNREACHABLE;
			case VALIDATION_FAILED -> validationAction(cause.getMessage());
			case LOCK_FAILED -> "Another process may be migrating: wait for it or raise migrator.lock.timeout. "
					+ "Behind a transaction-mode pooler use migrator.lock.strategy=table or a direct "
					+ "migrator.url.";
			case NOT_UP_TO_DATE -> "Apply the pending migrations before starting this version.";
			default -> "Check the database and the migration named above, then restart.";
		};
	}

	// One sentence per kind of problem the engine reported, and only for those.
	private static String validationAction(String message) {
		StringBuilder action = new StringBuilder();
		if (message.contains("changed after it was applied")) {
			append(action, "An applied migration's file changed: restore it as it was applied (put the change "
					+ "into a new migration), or accept the change with 'migrator repair'.");
		}
		if (message.contains("is now named")) {
			append(action, "An applied migration was renamed: restore its old name, or accept the new one with "
					+ "'migrator repair'.");
		}
		if (message.contains("is incomplete")) {
			append(action, "A NO TRANSACTION migration did not finish: check the schema, undo what of it ran "
					+ "(the next run applies all of it again), then run 'migrator repair'.");
		}
		if (message.contains("lie below the highest applied version")) {
			append(action, "Renumber the out-of-order versions above the highest applied one, or set "
					+ "migrator.allow-out-of-order=true.");
		}
		if (action.isEmpty()) {
			append(action, "Resolve the problems listed above, then restart.");
		}
		return action.toString();
	}

	private static SQLException sqlException(Throwable failure) {
		Throwable candidate = failure;
		while (candidate != null) {
			if (candidate instanceof SQLException sql) {
				return sql;
			}
			candidate = candidate.getCause();
		}
		return null;
	}

	private static void line(StringBuilder description, String label, String value) {
		description.append("    ").append(label).append(": ").append(value).append(NL);
	}

	private static void versions(StringBuilder description, String label, List<Long> versions) {
		if (!versions.isEmpty()) {
			line(description, label, versions.stream().map(String::valueOf).collect(Collectors.joining(", ")));
		}
	}

	private static void append(StringBuilder action, String sentence) {
		if (!action.isEmpty()) {
			action.append(' ');
		}
		action.append(sentence);
	}

}
