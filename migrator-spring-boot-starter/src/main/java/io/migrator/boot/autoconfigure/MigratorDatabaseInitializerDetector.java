package io.migrator.boot.autoconfigure;

import java.util.Set;

import io.migrator.core.Migrator;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link MigratorInitializer} (and a {@link Migrator}) initialize
 * the database, so that beans depending on database initialization (JPA's
 * EntityManagerFactory, JdbcTemplate, JdbcClient, jOOQ's DSLContext, ...) are created after
 * migrations ran or the guard passed.
 */
class MigratorDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(Migrator.class, MigratorInitializer.class);
	}

}
