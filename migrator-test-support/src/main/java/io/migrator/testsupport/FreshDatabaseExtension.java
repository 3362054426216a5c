package io.migrator.testsupport;

import java.lang.reflect.AnnotatedElement;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension behind {@link FreshDatabase}. The database lives in the store
 * of the outermost test class's context, so nested classes find the same one and JUnit
 * closes (drops) it when that class is done.
 */
public final class FreshDatabaseExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(FreshDatabaseExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		database(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == TestDatabase.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return database(extensionContext);
	}

	private static TestDatabase database(ExtensionContext context) {
		ExtensionContext owner = outermostClassContext(context);
		// Constructors may be resolved before beforeAll (PER_CLASS lifecycle), so whoever
		// comes first creates it.
		return owner.getStore(NAMESPACE)
			.computeIfAbsent(TestDatabase.class,
					(key) -> TestPostgres.get().createDatabase(owner.getRequiredTestClass().getSimpleName()),
					TestDatabase.class);
	}

	private static ExtensionContext outermostClassContext(ExtensionContext context) {
		ExtensionContext owner = null;
		for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
			AnnotatedElement element = current.getElement().orElse(null);
			if (element instanceof Class) {
				owner = current;
			}
		}
		if (owner == null) {
			throw new IllegalStateException("@FreshDatabase needs a test class, but " + context.getUniqueId()
					+ " has none");
		}
		return owner;
	}

}
