package io.migrator.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Turns an aborted test (a failed assumption, e.g. "no Docker, skip") into a failure.
 * A skipped database test is a failed promise: here every test either runs against a
 * real PostgreSQL or fails loudly. Registered for every test through JUnit's extension
 * auto-detection, which the root pom switches on for Surefire and Failsafe, and active only
 * where the configuration parameter {@value #ENABLED_PARAMETER} is {@code true} (the root
 * pom sets it): this jar also reaches users' test classpaths through migrator-test, and a
 * user's skipped test stays skipped.
 */
public final class NoSkippedTestsExtension
		implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

	/** The configuration parameter that switches the extension on. */
	public static final String ENABLED_PARAMETER = "migrator.build.no-skipped-tests";

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
		throw failIfAborted(context, throwable);
	}

	@Override
	public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
			throws Throwable {
		throw failIfAborted(context, throwable);
	}

	@Override
	public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
			throws Throwable {
		throw failIfAborted(context, throwable);
	}

	private static Throwable failIfAborted(ExtensionContext context, Throwable throwable) {
		boolean enabled = context.getConfigurationParameter(ENABLED_PARAMETER, Boolean::parseBoolean).orElse(false);
		if (enabled && throwable instanceof TestAbortedException) {
			return new AssertionError(context.getDisplayName() + " tried to skip itself (" + throwable.getMessage()
					+ "). Tests here never skip: provide what it needs (a database, a binary) or fix the test.",
					throwable);
		}
		return throwable;
	}

}
