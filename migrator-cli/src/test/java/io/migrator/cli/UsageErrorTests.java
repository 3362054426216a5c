package io.migrator.cli;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsageErrorTests {

	@Test
	void noCommandExitsTwoAndListsTheCommands() {
		CliRun run = CliRun.of();
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("no command given", "up-by-one", "adopt", "fix");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void unknownCommandExitsTwo() {
		CliRun run = CliRun.of("upp");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("upp", "--help");
	}

	@Test
	void unknownLockStrategyExitsTwo() {
		CliRun run = CliRun.of("status", "--lock", "sometimes");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("sometimes");
	}

	@Test
	void nonNumericVersionExitsTwo() {
		CliRun run = CliRun.of("up-to", "latest");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("latest");
	}

	@Test
	void missingVersionExitsTwo() {
		assertThat(CliRun.of("baseline").exitCode()).isEqualTo(2);
	}

	@Test
	void unknownAdoptSourceExitsTwo() {
		CliRun run = CliRun.of("adopt", "--from", "liquibase");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("use goose, golang-migrate or flyway");
	}

	@Test
	void missingUrlExitsTwoAndSaysHowToGiveOne() {
		CliRun run = CliRun.of(Map.of(), "status");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("No database URL", "--url", "MIGRATOR_URL").doesNotContain("\tat ");
	}

	@Test
	void missingUrlWithJsonWritesAnErrorObject() {
		CliRun run = CliRun.of(Map.of(), "status", "--json");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.json().get("error").get("code").asString()).isEqualTo("INVALID_CONFIGURATION");
		assertThat(run.json().get("error").get("exitCode").asInt()).isEqualTo(2);
	}

	@Test
	void nonJdbcUrlExitsTwo() {
		CliRun run = CliRun.of("status", "--url", "mysql://localhost/app");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("must be a JDBC URL", "or a goose DSN");
	}

	@Test
	void urlWithoutABundledDriverExitsTwo() {
		CliRun run = CliRun.of("status", "--url", "jdbc:oracle:thin:@localhost:1521:xe");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("No bundled JDBC driver");
	}

	@Test
	void invalidTableNameExitsTwo() {
		CliRun run = CliRun.of("status", "--url", "jdbc:postgresql://localhost/app", "--table", "drop table x;");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("'table' must be letters");
	}

	@Test
	void helpExitsZeroAndListsExitCodes() {
		CliRun run = CliRun.of("--help");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("--allow-out-of-order", "dry-run", "Exit codes");
	}

	@Test
	void subcommandHelpShowsTheGlobalOptionsToo() {
		CliRun run = CliRun.of("up", "--help");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("--url", "--dir", "--json");
	}

}
