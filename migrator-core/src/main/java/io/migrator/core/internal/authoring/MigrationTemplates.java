package io.migrator.core.internal.authoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.lang.model.SourceVersion;

/**
 * The contents of new migration files and the names they get.
 */
final class MigrationTemplates {

	/** goose's own template, so files look the same whichever tool created them. */
	static final String SQL = """
			-- +goose Up
			-- +goose StatementBegin
			SELECT 'up SQL query';
			-- +goose StatementEnd

			-- +goose Down
			-- +goose StatementBegin
			SELECT 'down SQL query';
			-- +goose StatementEnd
			""";

	private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

	private MigrationTemplates() {
	}

	/**
	 * Turns a name like {@code AddUsers}, {@code add users} or {@code add-users} into
	 * {@code add_users}, as goose does.
	 * @param name the name given by the user
	 * @return the snake-case name; empty when it has no letters or digits
	 */
	static String snakeCase(String name) {
		String words = WORD_BOUNDARY.matcher(name.trim()).replaceAll("_");
		return words.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
	}

	static String java(String packageName, String className) {
		String header = (packageName != null) ? "package " + packageName + ";\n\n" : "";
		return header + """
				import io.migrator.core.JavaMigration;
				import io.migrator.core.MigrationContext;

				/**
				 * Runs in one transaction with its history row; override transactional() to opt out.
				 */
				public class %s implements JavaMigration {

					@Override
					public void up(MigrationContext context) throws Exception {
						// context.connection() is the migration's connection: use it, do not close it.
					}

					@Override
					public void down(MigrationContext context) throws Exception {
					}

				}
				""".formatted(className);
	}

	/**
	 * Derives the package of a Java source directory under {@code src/main/java} or
	 * {@code src/test/java}.
	 * @param directory the directory
	 * @return the package name, or empty for the default package or another layout
	 */
	static Optional<String> packageOf(Path directory) {
		List<String> names = new ArrayList<>();
		directory.toAbsolutePath().normalize().forEach((element) -> names.add(element.toString()));
		for (int i = names.size() - 1; i >= 2; i--) {
			if (names.get(i).equals("java") && names.get(i - 2).equals("src")
					&& (names.get(i - 1).equals("main") || names.get(i - 1).equals("test"))) {
				List<String> packageNames = names.subList(i + 1, names.size());
				if (packageNames.isEmpty() || !packageNames.stream().allMatch(SourceVersion::isIdentifier)) {
					return Optional.empty();
				}
				return Optional.of(String.join(".", packageNames));
			}
		}
		return Optional.empty();
	}

}
