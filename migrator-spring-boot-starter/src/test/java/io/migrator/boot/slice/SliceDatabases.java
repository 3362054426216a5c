package io.migrator.boot.slice;

import io.migrator.testsupport.TestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a slice test's context at its own real database. Slice tests take the database
 * through {@code @DynamicPropertySource}, which cannot take injected parameters.
 */
final class SliceDatabases {

	private SliceDatabases() {
	}

	static void register(TestDatabase database, DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::user);
		registry.add("spring.datasource.password", database::password);
	}

}
