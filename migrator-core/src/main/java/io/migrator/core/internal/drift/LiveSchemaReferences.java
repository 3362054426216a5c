package io.migrator.core.internal.drift;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;
import io.migrator.core.internal.source.SqlMigrationSource;

/**
 * Refuses to replay, in the migrated database, a SQL migration that names the live schema
 * itself ({@code public.orders}): its statements would act on the live schema instead of
 * the scratch one, and drift must never change the live schema. Reads the up part only
 * (a goose file's {@code Down} section never runs in a replay) and skips comment lines; a
 * mention inside a string literal is refused too, which errs on the safe side.
 */
final class LiveSchemaReferences {

	private static final Pattern GOOSE_DOWN = Pattern.compile("^\\s*--\\s*\\+goose\\s+Down\\b", Pattern.CASE_INSENSITIVE);

	private final Pattern qualifier;

	private final String liveSchema;

	private final Charset encoding;

	LiveSchemaReferences(String liveSchema, Charset encoding) {
		this.liveSchema = liveSchema;
		this.encoding = encoding;
		// Unquoted, the name matches in any case (PostgreSQL folds it); quoted, exactly.
		String unquoted = liveSchema.matches("[a-z_][a-z0-9_$]*")
				? "|(?<![\\w$\"])(?i:" + Pattern.quote(liveSchema) + ")\\s*\\." : "";
		this.qualifier = Pattern.compile("\"" + Pattern.quote(liveSchema.replace("\"", "\"\"")) + "\"\\s*\\." + unquoted);
	}

	/**
	 * Throws when the migration's up part names the live schema.
	 * @param source the migration
	 */
	void requireNone(SqlMigrationSource source) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(source.upFile().open(), this.encoding))) {
			int lineNumber = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lineNumber++;
				if (GOOSE_DOWN.matcher(line).find()) {
					return;
				}
				Matcher match = this.qualifier.matcher(line);
				if (!line.strip().startsWith("--") && match.find()) {
					throw new MigratorException(ErrorCode.SNAPSHOT_FAILED, "Cannot check drift in the migrated "
							+ "database: version " + source.version() + " (" + source.upFile().name() + ", line "
							+ lineNumber + ") names the live schema itself ('" + match.group().strip()
							+ "'), so replaying it there would act on the live schema, not on the scratch one. Give "
							+ "drift a scratch database instead (CLI: --scratch-url; Migrator.drift(DataSource)), or "
							+ "leave the schema name out of the migration.");
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			throw new MigratorException(ErrorCode.INVALID_SOURCE, "Cannot read " + source.upFile().name()
					+ " (version " + source.version() + ") to replay it: " + ex.getMessage()
					+ ". Check that the file is readable.", ex);
		}
	}

}
