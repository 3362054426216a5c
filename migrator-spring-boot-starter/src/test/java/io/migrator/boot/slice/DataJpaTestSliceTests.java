package io.migrator.boot.slice;

import io.migrator.testsupport.TestDatabase;
import io.migrator.testsupport.TestPostgres;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataJpaTest} runs the migrations before Hibernate validates the schema, as it
 * does for Flyway.
 */
@DataJpaTest(properties = { "migrator.locations=classpath:db/boot-tests/apply",
		"spring.jpa.hibernate.ddl-auto=validate" })
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJpaTestSliceTests {

	// @FreshDatabase injects parameters, which @DynamicPropertySource cannot take.
	private static final TestDatabase database = TestPostgres.get().createDatabase("data_jpa_test_slice");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		SliceDatabases.register(database, registry);
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@Autowired
	private EntityManager entityManager;

	@Test
	void entityManagerSeesTheMigratedSchema() {
		Account account = this.entityManager.find(Account.class, 1L);
		assertThat(account.getName()).isEqualTo("first");
		assertThat(account.getEmail()).isNull();
	}

}
