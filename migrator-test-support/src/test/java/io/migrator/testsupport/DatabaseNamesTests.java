package io.migrator.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseNamesTests {

	@Test
	void turnsAClassNameIntoSnakeCase() {
		assertThat(DatabaseNames.sanitise("FreshDatabaseExtensionTests")).isEqualTo("fresh_database_extension_tests");
	}

	@Test
	void replacesEverythingButLettersAndDigits() {
		assertThat(DatabaseNames.sanitise("Outer$Inner  \"x\"; DROP-é")).isEqualTo("outer_inner_x_drop");
	}

	@Test
	void fallsBackToTestForAnEmptyHint() {
		assertThat(DatabaseNames.sanitise("$$$")).isEqualTo("test");
		assertThat(DatabaseNames.sanitise(null)).isEqualTo("test");
	}

	@Test
	void freshNameAddsARandomSuffixAndFitsTheIdentifierLimit() {
		String name = DatabaseNames.fresh("x".repeat(100));
		assertThat(name).hasSize(63).matches("x{54}_[0-9a-f]{8}");
		assertThat(DatabaseNames.fresh("same")).isNotEqualTo(DatabaseNames.fresh("same"));
	}

}
