package io.migrator.testsupport;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rule every module outside core keeps: it uses core's public API only, never
 * {@code io.migrator.core.internal} ("private API, no compatibility guarantees"), as a
 * user's application must. Each module checks its own compiled classes with it, since
 * core's build runs before theirs exist.
 */
public final class ModuleBoundaries {

	private ModuleBoundaries() {
	}

	/**
	 * Fails, naming every offending class and member, when a class of the module's main
	 * code depends on a class of {@code io.migrator.core.internal}.
	 * @param anyMainClass a class of the module's main code: every class in the same
	 * directory or jar is checked
	 */
	public static void assertUsesOnlyThePublicApiOfCore(Class<?> anyMainClass) {
		// Only the module's own output is read; scanning the whole class path for its
		// packages costs seconds in a module with Spring Boot on it.
		JavaClasses classes = new ClassFileImporter()
			.importLocations(List.of(Location.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation())));
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("io.migrator.core.internal..")
			.because("core's internal package may change in any release; give what the module needs a place in "
					+ "the public API")
			.check(classes);
	}

}
