package io.migrator.cli;

import org.junit.jupiter.api.Test;

import io.migrator.testsupport.ModuleBoundaries;

/**
 * This module uses core's public API only, as an application would.
 */
class ModuleBoundaryTests {

	@Test
	void usesOnlyThePublicApiOfCore() {
		ModuleBoundaries.assertUsesOnlyThePublicApiOfCore(MigratorCli.class);
	}

}
