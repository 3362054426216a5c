package io.migrator.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IndexMojoTests {

	@TempDir
	Path classes;

	@Test
	void writesAnIndexIntoEachLocationOfTheBuildOutput() throws Exception {
		Path migrations = Files.createDirectories(this.classes.resolve("db/migrations"));
		Files.writeString(migrations.resolve("00001_init.sql"), "-- +goose Up\nCREATE TABLE a (id int);\n");
		Path tenants = Files.createDirectories(this.classes.resolve("db/tenants"));
		Files.writeString(tenants.resolve("00001_tenant.sql"), "-- +goose NO TRANSACTION\n-- +goose Up\nSELECT 1;\n");

		mojo(List.of("classpath:db/migrations", "db/tenants")).execute();

		assertThat(Files.readAllLines(migrations.resolve("migrator.index"))).hasSize(2)
			.first().isEqualTo("migrator-index\tformat=1\tfiles=1");
		assertThat(Files.readAllLines(tenants.resolve("migrator.index"))).element(1).asString()
			.startsWith("00001_tenant.sql\tsha256=").endsWith("\ttransaction=no");
	}

	@Test
	void missingLocationFailsTheBuildWithWhereToPutTheMigrations() {
		assertThatExceptionOfType(MojoFailureException.class)
			.isThrownBy(() -> mojo(List.of("classpath:db/migrations")).execute())
			.withMessage("Cannot index classpath:db/migrations: " + this.classes.resolve("db/migrations")
					+ " does not exist. Put the migrations under src/main/resources/db/migrations, or correct "
					+ "<locations> (the locations the application configures)");
	}

	@Test
	void malformedMigrationFailsTheBuildWithTheFileAndLine() throws IOException {
		Path migrations = Files.createDirectories(this.classes.resolve("db/migrations"));
		Files.writeString(migrations.resolve("00001_init.sql"), "-- +goose Up\nSELECT 'unterminated;\n");

		assertThatExceptionOfType(MojoFailureException.class)
			.isThrownBy(() -> mojo(List.of("classpath:db/migrations")).execute())
			.withMessageStartingWith("Cannot index classpath:db/migrations: " + migrations.resolve("00001_init.sql"))
			.withMessageContaining("unterminated");
	}

	@Test
	void filesystemLocationIsRefusedBecauseItIsNotPacked() {
		assertThatExceptionOfType(MojoFailureException.class)
			.isThrownBy(() -> mojo(List.of("filesystem:/srv/sql")).execute())
			.withMessageContaining("only classpath: locations are packed with the application");
	}

	private IndexMojo mojo(List<String> locations) {
		IndexMojo mojo = new IndexMojo();
		mojo.locations = locations;
		mojo.outputDirectory = this.classes.toFile();
		return mojo;
	}

}
