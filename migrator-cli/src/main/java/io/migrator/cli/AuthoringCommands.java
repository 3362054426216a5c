package io.migrator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.migrator.core.MigrationAuthoring;
import io.migrator.core.MigrationAuthoring.Rename;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands that write migration files; they work in the first {@code --dir} and
 * never connect to a database.
 */
final class AuthoringCommands {

	private AuthoringCommands() {
	}

	/** A command that writes in the migrations directory and never connects. */
	abstract static class AuthoringCommand extends CliCommand {

		@Mixin
		Options.Directories directories;

	}

	/** What {@code create} writes. */
	enum Kind {

		SQL, JAVA

	}

	@Command(name = "create", description = "Write a new migration: <UTC timestamp>_<name>.sql with a goose "
			+ "Up/Down template, or a Java migration skeleton.")
	static final class Create extends AuthoringCommand {

		@Parameters(index = "0", paramLabel = "NAME", description = "The migration's name, e.g. add_users.")
		String name;

		@Parameters(index = "1", arity = "0..1", paramLabel = "sql|java", defaultValue = "sql",
				description = "What to write. Default: sql.")
		Kind kind;

		@Option(names = { "-s", "--sequential" },
				description = "Use the next sequential version instead of a timestamp.")
		boolean sequential;

		@Override
		int execute(CliSettings settings, Console console) {
			MigrationAuthoring authoring = MigrationAuthoring.forDirectory(settings.authoringDirectory());
			Path created = (this.kind == Kind.JAVA) ? authoring.createJava(this.name, this.sequential)
					: authoring.createSql(this.name, this.sequential);
			if (console.json()) {
				console.printJson(Map.of("created", created.toString()));
			}
			else {
				console.info("Created " + created);
				if (this.kind == Kind.JAVA) {
					console.info("Compile it with 'javac -cp migrator.jar -d migrator-classes " + created
							+ "' and run migrator with --classpath migrator-classes.");
				}
			}
			return Failures.OK;
		}

	}

	@Command(name = "fix", description = "Rename timestamp-versioned files to the next sequential versions, "
			+ "keeping their order (the pre-merge step). Refuses when a new name would collide.")
	static final class Fix extends AuthoringCommand {

		@Override
		int execute(CliSettings settings, Console console) {
			List<Rename> renames = MigrationAuthoring.forDirectory(settings.authoringDirectory()).fix();
			if (console.json()) {
				List<Object> entries = new ArrayList<>();
				for (Rename rename : renames) {
					Map<String, Object> entry = Json.object();
					entry.put("from", rename.from().toString());
					entry.put("to", rename.to().toString());
					entry.put("fromVersion", rename.fromVersion());
					entry.put("toVersion", rename.toVersion());
					entries.add(entry);
				}
				console.printJson(Map.of("renamed", entries));
				return Failures.OK;
			}
			if (renames.isEmpty()) {
				console.info("Nothing to fix: no timestamp-versioned migrations.");
			}
			for (Rename rename : renames) {
				console.info("Renamed " + rename.from().getFileName() + " -> " + rename.to().getFileName());
			}
			return Failures.OK;
		}

	}

}
