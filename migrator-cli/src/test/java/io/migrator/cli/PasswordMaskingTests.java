package io.migrator.cli;

import java.nio.file.Path;
import java.util.Map;

import io.migrator.testsupport.FreshDatabase;
import io.migrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@FreshDatabase
class PasswordMaskingTests {

	private static final String URL_SECRET = "Url5ecretPa55";

	private static final String OPTION_SECRET = "Opt5ecretPa55";

	@Test
	void unreachableServerWithPasswordsInUrlAndOptionPrintsNeither(@TempDir Path directory) {
		CliRun run = CliRun.of("status", "--verbose", "--dir", directory.toString(), "--url",
				"jdbc:postgresql://127.0.0.1:1/app?user=app&password=" + URL_SECRET + "&connectTimeout=2",
				"--password", OPTION_SECRET);
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains("Cannot connect");
		assertThat(run.all()).doesNotContain(URL_SECRET).doesNotContain(OPTION_SECRET);
	}

	@Test
	void rejectedDatabaseNameExitsTwoWithoutThePassword(TestDatabase database, @TempDir Path directory) {
		String url = database.jdbcUrl().replace("/" + database.name(), "/no_such_database_here");
		CliRun run = CliRun.of(Map.of(CliSettings.ENV_PASSWORD, OPTION_SECRET), "status", "--json", "--dir",
				directory.toString(), "--url", url, "--user", database.user());
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		assertThat(run.all()).contains("no_such_database_here").doesNotContain(OPTION_SECRET);
	}

	@Test
	void configurationErrorEchoingTheUrlMasksItsPassword() {
		CliRun run = CliRun.of("status", "--url", "mysql://app:" + URL_SECRET + "@db:3306/app?password="
				+ OPTION_SECRET);
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("mysql://app:***@db:3306/app?password=***");
		assertThat(run.all()).doesNotContain(URL_SECRET).doesNotContain(OPTION_SECRET);
	}

	@Test
	void usageErrorDoesNotEchoThePassword() {
		CliRun run = CliRun.of("--password", OPTION_SECRET, "statuz", OPTION_SECRET);
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.all()).doesNotContain(OPTION_SECRET);
	}

	@Test
	void successfulRunDoesNotPrintThePassword(TestDatabase database, @TempDir Path directory) {
		CliFixture fixture = new CliFixture(database, directory).table("00001", "users");
		String url = database.password().isEmpty() ? fixture.url()
				: fixture.url() + "&password=" + database.password();
		CliRun run = CliRun.of("up", "--verbose", "--json", "--url", url, "--user", database.user(), "--dir",
				directory.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		if (!database.password().isEmpty()) {
			assertThat(run.all()).doesNotContain(database.password());
		}
	}

	@Test
	void masksPasswordsInUrlsItDoesNotKnow() {
		assertThat(Secrets.maskUrls("jdbc:postgresql://h/db?user=a&password=x%40y&ssl=true"))
			.isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
		assertThat(Secrets.maskUrls("jdbc:mariadb://a:b@h/db")).isEqualTo("jdbc:mariadb://a:***@h/db");
		assertThat(Secrets.maskUrls("host=db password='it\\'s secret' user=app"))
			.isEqualTo("host=db password=*** user=app");
	}

	@Test
	void aOneLetterPasswordLeavesTheOutputUnchanged(TestDatabase database, @TempDir Path directory) {
		CliFixture fixture = new CliFixture(database, directory).table("00001", "accounts").table("00002", "payments");
		fixture.run("up-by-one");
		// The server trusts this connection, so any password logs in: the output must not depend on it.
		CliRun without = CliRun.of("status", "--url", fixture.url(), "--user", database.user(), "--dir",
				directory.toString());
		CliRun with = CliRun.of("status", "--url", fixture.url(), "--user", database.user(), "--password", "a",
				"--dir", directory.toString());
		assertThat(with.exitCode()).as(with.toString()).isZero();
		assertThat(with.out()).isEqualTo(without.out()).contains("create accounts", "applied", "pending");
	}

	@Test
	void aPasswordWithAQuoteKeepsTheJsonValid(TestDatabase database, @TempDir Path directory) {
		CliFixture fixture = new CliFixture(database, directory).table("00001", "accounts");
		String password = "p\"a\\ss\"";
		CliRun run = CliRun.of("status", "--json", "--url", fixture.url(), "--user", database.user(), "--password",
				password, "--dir", directory.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.json().get("migrations").get(0).get("description").asString()).isEqualTo("create accounts");
		CliRun failed = CliRun.of("status", "--json", "--url", "jdbc:postgresql://127.0.0.1:1/app?connectTimeout=2",
				"--password", password, "--dir", directory.toString());
		assertThat(failed.json().get("error").get("message").asString()).contains("Cannot connect");
	}

	@Test
	void jdbcUrlWithAPasswordBeforeTheHostIsRefusedWithoutEchoingIt() {
		CliRun run = CliRun.of("status", "--url", "jdbc:postgresql://app:" + URL_SECRET + "@127.0.0.1:5432/app");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("is not a JDBC URL", "--user app");
		assertThat(run.all()).doesNotContain(URL_SECRET);
	}

}
