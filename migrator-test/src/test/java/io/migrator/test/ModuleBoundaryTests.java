package io.migrator.test;

import org.junit.jupiter.api.Test;

import io.migrator.testsupport.ModuleBoundaries;

/**
 * The test kit uses core's public API only: it is what users put on their test class path.
 */
class ModuleBoundaryTests {

	@Test
	void usesOnlyThePublicApiOfCore() {
		ModuleBoundaries.assertUsesOnlyThePublicApiOfCore(MigratorTestExtension.class);
	}

}
