package io.migrator.testsupport;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Loads this module in a class loader without Testcontainers and the embedded PostgreSQL,
 * as a user of migrator-test with only an explicit server has it, and checks that nothing
 * needs them until they are chosen.
 */
class WithoutOptionalLibrariesTests {

	@Test
	void explicitServerWorksWithoutTestcontainersAndEmbeddedPostgres() throws Exception {
		String url = TestPostgres.get().jdbcUrl("postgres");
		try (URLClassLoader loader = withoutOptionalLibraries()) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass("org.testcontainers.DockerClientFactory"));
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass("io.zonky.test.db.postgres.embedded.EmbeddedPostgres"));
			Object server = withUrlProperty(url, () -> invoke(loader.loadClass(TestPostgres.class.getName()), "get"));
			Object database = invoke(server, "createDatabase", "without_optional");
			try {
				assertThat(invoke(server, "source")).isEqualTo("explicit migrator.test.jdbc-url");
				assertThat((String) invoke(database, "name")).startsWith("without_optional_");
			}
			finally {
				invoke(database, "close");
			}
		}
	}

	private static URLClassLoader withoutOptionalLibraries() throws MalformedURLException {
		List<URL> urls = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (!entry.contains("testcontainers") && !entry.contains("docker-java") && !entry.contains("zonky")) {
				urls.add(Path.of(entry).toUri().toURL());
			}
		}
		return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
	}

	private interface Action {

		Object run() throws Exception;

	}

	private static Object withUrlProperty(String url, Action action) throws Exception {
		String previous = System.getProperty(ServerChoice.URL_PROPERTY);
		System.setProperty(ServerChoice.URL_PROPERTY, url);
		try {
			return action.run();
		}
		finally {
			if (previous != null) {
				System.setProperty(ServerChoice.URL_PROPERTY, previous);
			}
			else {
				System.clearProperty(ServerChoice.URL_PROPERTY);
			}
		}
	}

	private static Object invoke(Object target, String name, Object... arguments) throws Exception {
		Class<?> type = (target instanceof Class<?> staticType) ? staticType : target.getClass();
		for (Method method : type.getMethods()) {
			if (method.getName().equals(name) && method.getParameterCount() == arguments.length) {
				try {
					return method.invoke((target instanceof Class) ? null : target, arguments);
				}
				catch (InvocationTargetException ex) {
					throw (ex.getCause() instanceof Exception cause) ? cause : ex;
				}
			}
		}
		throw new NoSuchMethodException(type.getName() + "." + name);
	}

}
