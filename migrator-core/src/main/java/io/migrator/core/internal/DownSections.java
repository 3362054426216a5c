package io.migrator.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.function.Function;

import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationContext;
import io.migrator.core.internal.parse.SqlScriptFormat;
import io.migrator.core.internal.parse.SqlScriptSummary;
import io.migrator.core.internal.source.GoMigrationSource;
import io.migrator.core.internal.source.JavaMigrationSource;
import io.migrator.core.internal.source.MigrationSource;
import io.migrator.core.internal.source.SqlMigrationSource;

/**
 * Tells whether a migration can be undone: a goose file with a {@code -- +goose Down}
 * section, a pair with a {@code .down.sql} file, a Java migration that overrides
 * {@link JavaMigration#down}. Undoing one without would only delete its history row while
 * its changes stay, and a {@code redo} would then apply its Up a second time.
 */
final class DownSections {

	private final Function<String, String> variables;

	private final Charset encoding;

	DownSections(Function<String, String> variables, Charset encoding) {
		this.variables = variables;
		this.encoding = encoding;
	}

	boolean hasDown(MigrationSource source) {
		if (source instanceof GoMigrationSource) {
			// Whatever its Go code does, it cannot run here; the source validation says so, and how to port it.
			return true;
		}
		if (source instanceof JavaMigrationSource java) {
			return overridesDown(java.migration());
		}
		SqlMigrationSource sql = (SqlMigrationSource) source;
		if (sql.format() == SqlScriptFormat.PLAIN) {
			return sql.downFile() != null;
		}
		try (InputStream in = sql.upFile().open()) {
			return SqlScriptSummary.read(sql.upFile().name(), in, this.encoding, SqlScriptFormat.GOOSE, null,
					this.variables)
				.hasDownSection();
		}
		catch (IOException ex) {
			throw sql.upFile().unreadable(ex);
		}
	}

	private static boolean overridesDown(JavaMigration migration) {
		try {
			return migration.getClass().getMethod("down", MigrationContext.class).getDeclaringClass()
					!= JavaMigration.class;
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("JavaMigration declares down(MigrationContext)", ex);
		}
	}

	/**
	 * Describes what is missing, for messages.
	 */
	static String missingPart(MigrationSource source) {
		if (source instanceof JavaMigrationSource) {
			return source.name() + " does not override down(MigrationContext)";
		}
		SqlMigrationSource sql = (SqlMigrationSource) source;
		return (sql.format() == SqlScriptFormat.PLAIN) ? source.name() + " has no .down.sql file next to it"
				: source.name() + " has no '-- +goose Down' section";
	}

}
