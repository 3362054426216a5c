package io.migrator.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.migrator.boot.source.MigrationLocations;
import io.migrator.boot.source.MigrationLocations.Contents;
import io.migrator.core.ErrorCode;
import io.migrator.core.Location;
import io.migrator.core.MigratorBuilder;
import io.migrator.core.MigratorConfiguration;
import io.migrator.core.MigratorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;

/**
 * Refuses to start on a location that does not exist, and warns about locations whose
 * migrations the scan would not see, so that a typo never makes startup silently do
 * nothing.
 */
final class MigrationLocationsCheck {

	private static final Log logger = LogFactory.getLog(MigrationLocationsCheck.class);

	private MigrationLocationsCheck() {
	}

	/**
	 * Checks the locations of one migrator.
	 * @param beanName the migrator's bean name, for the messages
	 * @param configuration its configuration
	 * @throws MigratorException when a configured location does not exist
	 */
	static void check(String beanName, MigratorConfiguration configuration) {
		ClassLoader classLoader = (configuration.source().classLoader() != null) ? configuration.source().classLoader()
				: ClassUtils.getDefaultClassLoader();
		MigrationLocations inspector = new MigrationLocations(classLoader);
		// An application that only added the starter and has no migrations yet is not an
		// error; a location somebody configured is.
		boolean onlyTheDefault = configuration.source()
			.locations()
			.equals(List.of(Location.parse(MigratorBuilder.DEFAULT_LOCATION)));
		List<String> missing = new ArrayList<>();
		for (Location location : configuration.source().locations()) {
			Contents contents = inspector.inspect(location);
			if (!contents.exists()) {
				if (onlyTheDefault) {
					logger.warn("Migration location " + location + " does not exist: there are no migrations to run. "
							+ "Add migrations there or set migrator.locations.");
				}
				else {
					missing.add(location.toString());
				}
			}
			else if (!contents.holdsMigrations(configuration.source().recursive()) && contents.nested() > 0) {
				logger.warn("Migration location " + location + " holds " + contents.nested()
						+ " migration file(s) only in sub-folders, which are not scanned because "
						+ "migrator.recursive=false: set migrator.recursive=true or move the files into " + location
						+ ".");
			}
		}
		if (!missing.isEmpty()) {
			throw new MigratorException(ErrorCode.INVALID_CONFIGURATION, "Migration location(s) " + missing
					+ " of Migrator bean '" + beanName + "' do not exist." + suggestion(missing)
					+ " Correct migrator.locations (classpath:some/dir or filesystem:/some/dir).");
		}
	}

	private static String suggestion(List<String> missing) {
		for (String location : missing) {
			if (location.endsWith("db/migration") || location.endsWith("db/migration/")) {
				return " Did you mean " + location.substring(0, location.lastIndexOf("db/migration"))
						+ "db/migrations? migrator's default is db/migrations (plural), Flyway's db/migration.";
			}
		}
		return "";
	}

}
