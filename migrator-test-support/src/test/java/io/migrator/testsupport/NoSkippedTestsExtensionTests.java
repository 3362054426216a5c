package io.migrator.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.TestAbortedException;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class NoSkippedTestsExtensionTests {

	@Test
	void abortedTestFailsInstead() {
		EngineTestKit.engine("junit-jupiter")
			.configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
			.selectors(selectClass(SelfSkipping.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).aborted(0).failed(1));
	}

	static class SelfSkipping {

		@Test
		void needsDocker() {
			throw new TestAbortedException("no Docker engine");
		}

	}

}
