package io.migrator.core;

import java.security.MessageDigest;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering of core, checked on the compiled classes instead of hoped for: the API
 * (what users compile against) never reaches into the implementation, and the parser
 * reads text without knowing where it came from, what the history says or how it runs.
 */
class ArchitectureTests {

	// Read from core's own output directories: scanning the class path for the packages is slow.
	private static final JavaClasses CORE = importOutputOf(Migrator.class);

	@Test
	void apiNeverUsesTheImplementation() {
		noClasses().that()
			.resideInAnyPackage("io.migrator.core", "io.migrator.core.spi")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.migrator.core.internal..")
			.because("the API is what users compile against; the implementation is found through "
					+ "META-INF/services, so that it can change without breaking them")
			.check(CORE);
	}

	@Test
	void parserKnowsNothingOfSourcesHistoryOrExecution() {
		noClasses().that()
			.resideInAPackage("io.migrator.core.internal.parse..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.migrator.core.internal.source..", "io.migrator.core.internal.history..",
					"io.migrator.core.internal.execute..")
			.because("the parser turns text into statements; scanning, history and execution build on it")
			.check(CORE);
	}

	@Test
	void onlySha256AsksThePlatformForTheDigest() {
		noClasses().that()
			.doNotHaveFullyQualifiedName(Sha256.class.getName())
			.should()
			.callMethod(MessageDigest.class, "getInstance", String.class)
			.because("checksums, lock keys and snapshot hashes must agree on one digest and one hex form; "
					+ "io.migrator.core.Sha256 sets it up")
			.check(CORE);
	}

	/**
	 * Tests that need a lock's classes sit next to them; every other test drives locking
	 * through the public API, as users do (a constant of those tests, such as the key of the
	 * default history table's lock, is fine).
	 */
	@Test
	void onlyTestsInTheLockPackageUseItsClasses() {
		JavaClasses tests = importOutputOf(ArchitectureTests.class);
		DescribedPredicate<JavaClass> lockClasses = JavaClass.Predicates
			.resideInAPackage("io.migrator.core.internal.lock..")
			.and(DescribedPredicate.not(JavaClass.Predicates.simpleNameEndingWith("Tests")))
			.as("reside in internal.lock and are not its tests");
		noClasses().that()
			.resideOutsideOfPackage("io.migrator.core.internal.lock..")
			.should()
			.dependOnClassesThat(lockClasses)
			.because("a test of internal.lock belongs in that package")
			.check(tests);
	}

	private static JavaClasses importOutputOf(Class<?> anyClass) {
		// io.migrator.core has a Location of its own.
		return new ClassFileImporter().importLocations(List.of(com.tngtech.archunit.core.importer.Location
			.of(anyClass.getProtectionDomain().getCodeSource().getLocation())));
	}

}
