package io.migrator.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class its own fresh database on {@link TestPostgres}: created
 * before all its tests, named after the class, injected as a {@link TestDatabase}
 * parameter into constructors, {@code @BeforeAll}, {@code @BeforeEach}, {@code @AfterEach},
 * {@code @AfterAll} and test methods, and dropped after all its tests. {@code @Nested}
 * classes share the database of their outermost class.
 *
 * <pre class="code">
 * &#064;FreshDatabase
 * class HistoryStoreTests {
 *
 * 	&#064;Test
 * 	void createsTheHistoryTable(TestDatabase database) throws SQLException {
 * 		try (Connection connection = database.connect()) {
 * 			...
 * 		}
 * 	}
 *
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(FreshDatabaseExtension.class)
public @interface FreshDatabase {

}
