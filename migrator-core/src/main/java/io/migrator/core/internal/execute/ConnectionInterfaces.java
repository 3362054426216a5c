package io.migrator.core.internal.execute;

import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The interfaces a proxy around a driver's connection must implement so that a Java
 * migration that casts its connection to the driver's type (e.g. {@code PGConnection} for
 * COPY) still can, whatever wrappers migrator puts around it.
 */
public final class ConnectionInterfaces {

	private ConnectionInterfaces() {
	}

	/**
	 * Returns {@link Connection} and every public interface of the connection's class and
	 * its superclasses (for a proxy: the interfaces it was made with).
	 * @param connection the connection to wrap
	 * @return the interfaces, {@code Connection} first
	 */
	public static Class<?>[] of(Connection connection) {
		Set<Class<?>> interfaces = new LinkedHashSet<>();
		interfaces.add(Connection.class);
		for (Class<?> current = connection.getClass(); current != null; current = current.getSuperclass()) {
			for (Class<?> candidate : current.getInterfaces()) {
				if (Modifier.isPublic(candidate.getModifiers())) {
					interfaces.add(candidate);
				}
			}
		}
		return interfaces.toArray(new Class<?>[0]);
	}

}
