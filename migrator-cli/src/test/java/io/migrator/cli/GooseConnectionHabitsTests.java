package io.migrator.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a goose user already has: a DSN, GOOSE_* variables, a .env file, single-dash flags
 * and goose's command-line form, against a real database.
 */
@FreshDatabase
class GooseConnectionHabitsTests {

	private CliFixture fixture;

	private TestDatabase database;

	@BeforeEach
	void prepare(TestDatabase database, @TempDir Path directory) {
		this.database = database;
		this.fixture = new CliFixture(database, directory).table("00001", "users").table("00002", "orders");
	}

	@Test
	void gooseUrlDsnIsConverted() {
		CliRun run = CliRun.of("up", "--dir", dir(), "--url", urlDsn());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

	@Test
	void gooseKeyValueDsnIsConverted() {
		String[] authority = authority().split(":");
		String dsn = "host=" + authority[0] + " port=" + authority[1] + " dbname=" + this.database.name() + " user="
				+ this.database.user() + " password='" + this.database.password().replace("'", "\\'")
				+ "' sslmode=disable search_path=" + this.fixture.schema();
		CliRun run = CliRun.of("up", "--dir", dir(), "--url", dsn);
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

	@Test
	void gooseVariablesAreFallbacksAfterMigratorOnes() {
		Map<String, String> goose = Map.of(CliSettings.GOOSE_DRIVER, "postgres", CliSettings.GOOSE_DBSTRING, urlDsn(),
				CliSettings.GOOSE_MIGRATION_DIR, dir());
		CliRun run = CliRun.of(goose, "up");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
		Map<String, String> both = new HashMap<>(goose);
		both.put(CliSettings.GOOSE_DBSTRING, "postgres://nobody@no-such-host.invalid/none");
		both.put(CliSettings.ENV_URL, this.fixture.url());
		both.put(CliSettings.ENV_USER, this.database.user());
		assertThat(CliRun.of(both, "version").out().trim()).isEqualTo("2");
	}

	@Test
	void gooseDriverOtherThanPostgresIsAConfigurationError() {
		CliRun run = CliRun.of(Map.of(CliSettings.GOOSE_DRIVER, "mysql", CliSettings.GOOSE_DBSTRING, "user:pw@/db"),
				"status");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("GOOSE_DRIVER is 'mysql'", "PostgreSQL only").doesNotContain("pw@");
	}

	@Test
	void migratorTableAndSchemaVariablesNameTheHistoryTable() {
		Map<String, String> environment = new HashMap<>(this.fixture.environment());
		environment.put(CliSettings.ENV_TABLE, "schema_history");
		environment.put(CliSettings.ENV_SCHEMA, this.fixture.schema() + "_meta");
		CliRun run = CliRun.of(environment, "up", "--lock", "none");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.column("SELECT count(*) FROM " + this.fixture.schema() + "_meta.schema_history"))
			.containsExactly("2");
	}

	@Test
	void migratorDirWithAClasspathLocationIsNotSplitOnItsColon() {
		Map<String, String> environment = new HashMap<>(this.fixture.environment());
		environment.put(CliSettings.ENV_DIR, "classpath:db/cli-classpath" + java.io.File.pathSeparator + dir());
		CliRun run = CliRun.of(environment, "status", "--json");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.json().get("migrations").findValuesAsString("source")).hasSize(3)
			.anySatisfy((source) -> assertThat(source).contains("db/cli-classpath/00003_create_widgets.sql"));
	}

	@Test
	void dotEnvInTheWorkingDirectoryIsReadAndTheEnvironmentWins(@TempDir Path workingDirectory) throws IOException {
		Files.writeString(workingDirectory.resolve(".env"), "# as goose reads it\nGOOSE_DRIVER=postgres\n"
				+ "export GOOSE_DBSTRING=\"" + urlDsn() + "\"\nGOOSE_MIGRATION_DIR=/does/not/exist\n");
		CliRun run = CliRun.in(workingDirectory, Map.of(CliSettings.GOOSE_MIGRATION_DIR, dir()), "up");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
		CliRun ignored = CliRun.in(workingDirectory, Map.of(), "--env", "none", "status");
		assertThat(ignored.exitCode()).isEqualTo(2);
		assertThat(ignored.err()).contains("No database URL");
	}

	@Test
	void gooseSingleDashFlagsAreAliases() throws IOException {
		Files.delete(this.fixture.directory().resolve("00001_create_users.sql"));
		assertThat(CliRun.of(this.fixture.environment(), "up", "-table", "goose_style_history").exitCode()).isZero();
		this.fixture.table("00001", "users");
		CliRun refused = CliRun.of(this.fixture.environment(), "up", "-table", "goose_style_history");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
		CliRun run = CliRun.of(Map.of(), "-dir", dir(), "-table", "goose_style_history", "-v", "-allow-missing",
				"--url", this.fixture.url(), "--user", this.database.user(), "up");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.column("SELECT version FROM " + this.fixture.schema()
				+ ".goose_style_history ORDER BY version")).containsExactly("1", "2");
	}

	@Test
	void gooseCommandLineFormWorks() {
		CliRun run = CliRun.of(Map.of(), "-dir", dir(), "postgres", urlDsn(), "up");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.fixture.appliedVersions()).containsExactly("1", "2");
	}

	@Test
	void missingPasswordIsAConfigurationError() throws Exception {
		// The shared server trusts local connections; this endpoint answers a login like a
		// server configured for password authentication does, which is all this needs.
		try (ServerSocket server = new ServerSocket(0)) {
			Thread answer = new Thread(() -> askForPassword(server));
			answer.start();
			CliRun run = CliRun.of(Map.of(), "status", "--json", "--dir", dir(), "--url",
					"postgres://app@127.0.0.1:" + server.getLocalPort() + "/shop?sslmode=disable");
			answer.join(10_000);
			assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
			assertThat(run.err()).contains("the server asks for a password and none was given", "--password",
					"MIGRATOR_PASSWORD");
			assertThat(run.json().get("error").get("exitCode").asInt()).isEqualTo(2);
		}
	}

	/** Reads the startup message and requests a clear-text password (AuthenticationCleartextPassword). */
	private static void askForPassword(ServerSocket server) {
		try (Socket client = server.accept()) {
			DataInputStream in = new DataInputStream(client.getInputStream());
			DataOutputStream out = new DataOutputStream(client.getOutputStream());
			int length = in.readInt();
			in.readFully(new byte[length - 4]);
			out.writeByte('R');
			out.writeInt(8);
			out.writeInt(3);
			out.flush();
			in.read();
		}
		catch (IOException ex) {
			// The client hung up after reading the request: that is the expected end.
		}
	}

	private String dir() {
		return this.fixture.directory().toString();
	}

	private String authority() {
		String url = this.database.jdbcUrl().substring("jdbc:postgresql://".length());
		return url.substring(0, url.indexOf('/'));
	}

	private String urlDsn() {
		String credentials = this.database.user()
				+ (this.database.password().isEmpty() ? "" : ":" + java.net.URLEncoder.encode(this.database.password(),
						java.nio.charset.StandardCharsets.UTF_8));
		return "postgres://" + credentials + "@" + authority() + "/" + this.database.name()
				+ "?sslmode=disable&search_path=" + this.fixture.schema();
	}

}
