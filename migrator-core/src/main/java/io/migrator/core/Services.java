package io.migrator.core;

import java.util.ServiceLoader;

/**
 * Finds core's implementation of an SPI interface through {@code META-INF/services}, which
 * keeps the API free of references to the implementation.
 */
final class Services {

	private Services() {
	}

	static <T> T load(Class<T> type) {
		return ServiceLoader.load(type, type.getClassLoader())
			.findFirst()
			.orElseThrow(() -> new MigratorException(ErrorCode.INVALID_CONFIGURATION, "No " + type.getName()
					+ " service found: migrator-core's META-INF/services entry is missing (a shaded jar must merge "
					+ "service files)"));
	}

}
