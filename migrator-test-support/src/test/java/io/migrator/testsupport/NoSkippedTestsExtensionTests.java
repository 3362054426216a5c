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
			.configurationParameter("migrator.build.no-skipped-tests", "true")
			.selectors(selectClass(SelfSkipping.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).aborted(0).failed(1));
	}

	@Test
	void abortedTestOfABuildThatDoesNotAskForItStaysAborted() {
		// A user's build that gets this jar through migrator-test and auto-detects extensions.
		EngineTestKit.engine("junit-jupiter")
			.configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
			.selectors(selectClass(SelfSkipping.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(1).aborted(1).failed(0));
	}

	static class SelfSkipping {

		@Test
		void needsDocker() {
			throw new TestAbortedException("no Docker engine");
		}

	}

}
