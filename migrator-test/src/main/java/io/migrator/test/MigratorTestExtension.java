package io.migrator.test;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.migrator.core.Migrator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit Jupiter extension behind {@link MigratorTest}. The database lives in the store of
 * the test method's context, so the method, its {@code @BeforeEach} and {@code @AfterEach}
 * methods share it; it is dropped after the {@code @AfterEach} methods, by this extension
 * rather than by the store, which closes only since JUnit 5.13 and only unless configured
 * not to.
 */
public final class MigratorTestExtension implements ParameterResolver, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(MigratorTestExtension.class);

	private static final Set<Class<?>> SUPPORTED = Set.of(MigrationTestDatabase.class, Migrator.class,
			DataSource.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return SUPPORTED.contains(parameterContext.getParameter().getType());
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		if (extensionContext.getTestMethod().isEmpty()) {
			throw new ParameterResolutionException("@MigratorTest gives each test method a database of its own, so "
					+ "a " + type.getSimpleName() + " can be a parameter of a test method, @BeforeEach or @AfterEach "
					+ "method, but not of " + parameterContext.getDeclaringExecutable() + ", which runs outside "
					+ "any test method");
		}
		MigrationTestDatabase database = extensionContext.getStore(NAMESPACE)
			.computeIfAbsent(MigrationTestDatabase.class, (key) -> create(extensionContext),
					MigrationTestDatabase.class);
		if (type == Migrator.class) {
			return database.migrator();
		}
		if (type == DataSource.class) {
			return database.dataSource();
		}
		return database;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		MigrationTestDatabase database = context.getStore(NAMESPACE)
			.remove(MigrationTestDatabase.class, MigrationTestDatabase.class);
		if (database != null) {
			database.close();
		}
	}

	private static MigrationTestDatabase create(ExtensionContext context) {
		MigratorTest settings = settings(context.getRequiredTestClass());
		return MigrationTestDatabase.create(context.getRequiredTestMethod().getName(), List.of(settings.locations()),
				customizers(settings));
	}

	/** Finds the annotation on the class, a superclass or, for a {@code @Nested} class, an enclosing class. */
	private static MigratorTest settings(Class<?> testClass) {
		for (Class<?> current = testClass; current != null; current = current.getEnclosingClass()) {
			MigratorTest settings = AnnotationSupport.findAnnotation(current, MigratorTest.class).orElse(null);
			if (settings != null) {
				return settings;
			}
		}
		throw new ParameterResolutionException(testClass.getName() + " is not annotated with @MigratorTest, which "
				+ "says where its migrations are; annotate it instead of registering " + MigratorTestExtension.class
					.getSimpleName() + " on its own");
	}

	private static List<MigratorCustomizer> customizers(MigratorTest settings) {
		List<MigratorCustomizer> customizers = new ArrayList<>();
		for (Class<? extends MigratorCustomizer> type : settings.customizers()) {
			try {
				Constructor<? extends MigratorCustomizer> constructor = type.getDeclaredConstructor();
				constructor.setAccessible(true);
				customizers.add(constructor.newInstance());
			}
			catch (NoSuchMethodException ex) {
				throw new ParameterResolutionException("@MigratorTest customizer " + type.getName() + " needs a "
						+ "constructor without parameters", ex);
			}
			catch (InvocationTargetException ex) {
				throw new ParameterResolutionException("@MigratorTest customizer " + type.getName() + " failed in its "
						+ "constructor: " + ex.getCause(), ex.getCause());
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				throw new ParameterResolutionException("@MigratorTest customizer " + type.getName()
						+ " could not be created: " + ex, ex);
			}
		}
		return customizers;
	}

}
