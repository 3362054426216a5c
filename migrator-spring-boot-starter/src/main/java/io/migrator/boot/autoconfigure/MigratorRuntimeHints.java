package io.migrator.boot.autoconfigure;

import io.migrator.boot.source.MigrationLocations;
import io.migrator.core.Location;
import io.migrator.core.MigratorBuilder;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Makes the default migration location and its build-time index available in a native
 * image. Configured locations are added by {@link MigrationLocationsAotProcessor}.
 */
class MigratorRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		registerLocation(hints, MigratorBuilder.DEFAULT_LOCATION, false);
	}

	/**
	 * Registers the files of one classpath location and its index.
	 * @param hints where to register
	 * @param location the location; {@code filesystem:} ones are skipped
	 * @param recursive whether the files of sub-folders are migrations too
	 */
	static void registerLocation(RuntimeHints hints, String location, boolean recursive) {
		Location parsed = Location.parse(location);
		if (parsed.isFilesystem()) {
			return;
		}
		String path = parsed.path();
		hints.resources().registerPattern(path + "/" + MigrationLocations.INDEX_FILE);
		hints.resources().registerPattern(path + (recursive ? "/**" : "/*"));
	}

}
