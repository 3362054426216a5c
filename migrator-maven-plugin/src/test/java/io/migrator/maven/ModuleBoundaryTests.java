package io.migrator.maven;

import org.junit.jupiter.api.Test;

import io.migrator.testsupport.ModuleBoundaries;

/**
 * This module uses core's public API only, as an application would.
 */
class ModuleBoundaryTests {

	@Test
	void usesOnlyThePublicApiOfCore() {
		ModuleBoundaries.assertUsesOnlyThePublicApiOfCore(IndexMojo.class);
	}

}
