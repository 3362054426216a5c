package io.migrator.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.migrator.core.JavaMigration;
import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route the README shows: {@code create NAME java}, compile it, run with
 * {@code --classpath}; and a Java source nobody compiled is reported, not ignored.
 */
@FreshDatabase
class JavaMigrationsFromTheCliTests {

	private CliFixture fixture;

	private Path classes;

	@BeforeEach
	void prepare(TestDatabase database, @TempDir Path directory, @TempDir Path classes) {
		this.fixture = new CliFixture(database, directory);
		this.classes = classes;
	}

	@Test
	void createdJavaMigrationCompilesAndRunsWithClasspath() throws IOException {
		Path source = createSeedMigration();
		compile(source);
		CliRun up = this.fixture.run("up", "--classpath", this.classes.toString());
		assertThat(up.exitCode()).as(up.toString()).isZero();
		assertThat(up.out()).contains("applied V00001__seed_prices", "applied 00002_create_orders.sql");
		assertThat(this.fixture.column("SELECT amount FROM prices")).containsExactly("42");
		assertThat(this.fixture.column("SELECT type FROM " + this.fixture.schema()
				+ ".migrator_history ORDER BY version")).containsExactly("java", "sql");
		CliRun check = this.fixture.run("check", "--classpath", this.classes.toString());
		assertThat(check.exitCode()).as(check.toString()).isZero();
		CliRun reset = this.fixture.run("reset", "--classpath", this.classes.toString());
		assertThat(reset.exitCode()).as(reset.toString()).isZero();
		assertThat(this.fixture.tableExists("prices")).isFalse();
	}

	@Test
	void classpathTakesAJarWhoseSqlFilesAClasspathLocationFinds() throws IOException {
		compile(createSeedMigration());
		Path jar = this.classes.resolveSibling(this.classes.getFileName() + "-migrations.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
				Stream<Path> files = Files.list(this.classes)) {
			for (Path file : files.toList()) {
				out.putNextEntry(new JarEntry(file.getFileName().toString()));
				out.write(Files.readAllBytes(file));
				out.closeEntry();
			}
			// Directory entries, as jar and Maven write them: class loaders find a directory by its entry.
			out.putNextEntry(new JarEntry("db/"));
			out.closeEntry();
			out.putNextEntry(new JarEntry("db/packaged/"));
			out.closeEntry();
			out.putNextEntry(new JarEntry("db/packaged/00003_create_packaged.sql"));
			out.write("-- +goose Up\nCREATE TABLE packaged (id int);\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.closeEntry();
		}
		CliRun up = this.fixture.run("up", "--classpath", jar.toString(), "--dir", "classpath:db/packaged");
		assertThat(up.exitCode()).as(up.toString()).isZero();
		assertThat(this.fixture.column("SELECT amount FROM prices")).containsExactly("42");
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2", "3");
	}

	@Test
	void javaSourceWithoutClasspathIsReportedByStatusAndFailsCheck() throws IOException {
		createSeedMigration();
		CliRun status = this.fixture.run("status");
		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(status.out()).contains("V00001__seed_prices.java (version 1)", "is not loaded",
				"javac -cp migrator.jar", "--classpath");
		JsonNode javaSources = this.fixture.run("status", "--json").json().get("javaSources");
		assertThat(javaSources.get(0).get("version").asLong()).isEqualTo(1);
		CliRun check = this.fixture.run("check", "--json");
		assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
		assertThat(check.json().get("problems").findValuesAsString("kind")).contains("java_source_not_loaded");
	}

	@Test
	void classpathThatIsNeitherDirectoryNorJarIsAConfigurationError() {
		CliRun run = this.fixture.run("up", "--classpath", "/does/not/exist.txt");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--classpath /does/not/exist.txt is neither a directory nor a .jar");
	}

	private Path createSeedMigration() throws IOException {
		CliRun create = this.fixture.run("create", "seed prices", "java", "--sequential");
		assertThat(create.exitCode()).as(create.toString()).isZero();
		this.fixture.table("00002", "orders");
		Path source = this.fixture.directory().resolve("V00001__seed_prices.java");
		String body = Files.readString(source)
			.replace("// context.connection() is the migration's connection: use it, do not close it.",
					"try (java.sql.Statement s = context.connection().createStatement()) {\n"
							+ "s.execute(\"CREATE TABLE prices (amount int)\");\n"
							+ "s.execute(\"INSERT INTO prices VALUES (42)\");\n}")
			.replace("public void down(MigrationContext context) throws Exception {\n",
					"public void down(MigrationContext context) throws Exception {\n"
							+ "try (java.sql.Statement s = context.connection().createStatement()) {\n"
							+ "s.execute(\"DROP TABLE prices\");\n}\n");
		assertThat(body).contains("CREATE TABLE prices", "DROP TABLE prices");
		Files.writeString(source, body);
		return source;
	}

	private void compile(Path source) throws IOException {
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		String api = Path.of(JavaMigration.class.getProtectionDomain().getCodeSource().getLocation().getPath())
			.toString();
		int status = javac.run(null, OutputStream.nullOutputStream(), System.err, "-cp", api, "-d",
				this.classes.toString(), source.toString());
		assertThat(status).as("javac of " + source).isZero();
		try (Stream<Path> files = Files.list(this.classes)) {
			assertThat(files.map((file) -> file.getFileName().toString())).contains("V00001__seed_prices.class");
		}
	}

}
