package io.migrator.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.migrator.core.testmigrations.V2__seed_countries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Compiled Java migrations handed over as directories and jars, as the command-line tool
 * gets them: every top-level migration class there runs, in version order with the SQL
 * files, whatever its package.
 */
class JavaMigrationClasspathTests {

	private static final String CLASS_FILE = V2__seed_countries.class.getName().replace('.', '/') + ".class";

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@TempDir
	Path classpath;

	@Test
	void aMigrationClassInAJarRunsBetweenTheSqlFiles() throws IOException {
		writeSqlAroundTheJavaMigration();
		Path jar = this.classpath.resolve("migrations.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new JarEntry("META-INF/versions/17/" + CLASS_FILE));
			out.write(classBytes());
			out.putNextEntry(new JarEntry(CLASS_FILE));
			out.write(classBytes());
		}

		RunResult result = this.fixture.builder().javaMigrationClasspath(List.of(jar)).build().up();

		assertThat(result.migrations()).extracting(MigrationResult::version).containsExactly(1L, 2L, 3L);
		assertThat(this.fixture.query("SELECT code FROM countries ORDER BY code")).containsExactly("DE", "FR");
	}

	@Test
	void aMigrationClassInADirectoryRunsToo() throws IOException {
		writeSqlAroundTheJavaMigration();
		Path classFile = this.classpath.resolve(CLASS_FILE);
		Files.createDirectories(classFile.getParent());
		Files.write(classFile, classBytes());

		assertThat(this.fixture.builder().javaMigrationClasspath(List.of(this.classpath)).build().up().migrations())
			.extracting(MigrationResult::version)
			.containsExactly(1L, 2L, 3L);
	}

	@Test
	void anEntryThatIsNeitherADirectoryNorAJarIsRefusedWhenSet() throws IOException {
		Path text = Files.writeString(this.classpath.resolve("notes.txt"), "not classes");
		assertThatExceptionOfType(MigratorException.class)
			.isThrownBy(() -> Migrator.builder().javaMigrationClasspath(List.of(text)))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
			.withMessageContaining(text + " is neither a directory nor a .jar file");
	}

	private void writeSqlAroundTheJavaMigration() {
		this.fixture.write("00001_countries.sql", "-- +goose Up\nCREATE TABLE countries (code text, name text);\n");
		this.fixture.write("00003_cities.sql", "-- +goose Up\nCREATE TABLE cities (name text);\n");
	}

	private static byte[] classBytes() throws IOException {
		try (var in = V2__seed_countries.class.getClassLoader().getResourceAsStream(CLASS_FILE)) {
			return in.readAllBytes();
		}
	}

}
