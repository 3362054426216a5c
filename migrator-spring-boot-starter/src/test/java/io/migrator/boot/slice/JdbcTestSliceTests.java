package io.migrator.boot.slice;

import io.migrator.core.Migrator;
import io.migrator.testsupport.TestDatabase;
import io.migrator.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@JdbcTest(properties = "migrator.locations=classpath:db/boot-tests/apply")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcTestSliceTests {

	// @FreshDatabase injects parameters, which @DynamicPropertySource cannot take.
	private static final TestDatabase database = TestPostgres.get().createDatabase("jdbc_test_slice");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		SliceDatabases.register(database, registry);
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@Autowired
	private JdbcTemplate jdbcTemplate;

	@Autowired
	private Migrator migrator;

	@Test
	void jdbcTestSliceRunsTheMigrations() {
		assertThat(this.jdbcTemplate.queryForList("SELECT name FROM accounts", String.class)).containsExactly("first");
		assertThat(this.migrator.version()).isEqualTo(2);
	}

}
