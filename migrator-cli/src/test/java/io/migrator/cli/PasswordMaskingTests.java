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
		CliRun run = CliRun.of("status", "--url", "postgres://app:" + URL_SECRET + "@db:5432/app?password="
				+ OPTION_SECRET);
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("postgres://app:***@db:5432/app?password=***");
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
		assertThat(Secrets.of("jdbc:postgresql://h/db?password=p%40ss", null).mask("login p@ss failed"))
			.isEqualTo("login *** failed");
	}

}
