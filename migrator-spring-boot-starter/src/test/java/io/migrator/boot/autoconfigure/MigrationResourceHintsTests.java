package io.migrator.boot.autoconfigure;

import java.util.List;

import io.migrator.boot.source.MigrationLocations;
import io.migrator.core.Location;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native image must contain the migration files and their build-time index, found
 * through hints rather than by listing a file system.
 */
class MigrationResourceHintsTests {

	@Test
	void theDefaultLocationAndItsIndexAreHinted() {
		RuntimeHints hints = new RuntimeHints();
		new MigratorRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migrations/00001_create_users.sql"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migrations/migrator.index")).accepts(hints);
	}

	@Test
	void configuredClasspathLocationsAreHintedWhenProcessedAheadOfTime() {
		GenericApplicationContext context = new GenericApplicationContext();
		TestPropertyValues.of("migrator.locations=classpath:db/boot-tests/apply,filesystem:/srv/sql",
				"migrator.recursive=true")
			.applyTo(context);
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "HintsTest")), new InMemoryGeneratedFiles());
		new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		RuntimeHints hints = generation.getRuntimeHints();
		assertThat(RuntimeHintsPredicates.resource().forResource("db/boot-tests/apply/00001_create_accounts.sql"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/boot-tests/apply/v2/00002_nested.sql"))
			.as("recursive=true hints sub-folders too")
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/boot-tests/apply/migrator.index")).accepts(hints);
	}

	@Test
	void anIndexedLocationHoldsMigrationsEvenWhereListingFindsNone() {
		MigrationLocations locations = new MigrationLocations(getClass().getClassLoader());
		Location indexed = Location.classpath("db/boot-tests/indexed");
		Location nested = Location.classpath("db/boot-tests/nested");
		assertThat(locations.inspect(indexed).holdsMigrations(false)).isTrue();
		assertThat(locations.empty(List.of(indexed, nested), false)).containsExactly(nested);
	}

}
