package io.migrator.core;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering of core, checked on the compiled classes instead of hoped for: the API
 * (what users compile against) never reaches into the implementation, and the parser
 * reads text without knowing where it came from, what the history says or how it runs.
 */
class ArchitectureTests {

	private static final JavaClasses CORE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.migrator.core");

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

	/**
	 * Tests that need a lock's classes sit next to them; every other test drives locking
	 * through the public API, as users do (a constant of those tests, such as the key of the
	 * default history table's lock, is fine).
	 */
	@Test
	void onlyTestsInTheLockPackageUseItsClasses() {
		JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
			.importPackages("io.migrator.core");
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

}
