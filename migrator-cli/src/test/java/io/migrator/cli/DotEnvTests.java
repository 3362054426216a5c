package io.migrator.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.migrator.core.MigratorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * .env files as goose (godotenv) reads them.
 */
class DotEnvTests {

	private static final Path FILE = Path.of(".env");

	@Test
	void readsTheLineFormsGooseAccepts() {
		Map<String, String> values = DotEnv.parse(List.of("# connection", "", "GOOSE_DRIVER=postgres",
				"export GOOSE_DBSTRING=\"host=db user=app password='x y'\"", "GOOSE_MIGRATION_DIR=db/migrations # here",
				"LITERAL='no $EXPANSION here'", "ESCAPED=\"line\\nbreak\"", "HOME_DIR=${HOME}/sql", "DIR2=$GOOSE_MIGRATION_DIR/more",
				"COLON: value"), FILE, Map.of("HOME", "/home/app"));
		assertThat(values).containsEntry("GOOSE_DRIVER", "postgres")
			.containsEntry("GOOSE_DBSTRING", "host=db user=app password='x y'")
			.containsEntry("GOOSE_MIGRATION_DIR", "db/migrations")
			.containsEntry("LITERAL", "no $EXPANSION here")
			.containsEntry("ESCAPED", "line\nbreak")
			.containsEntry("HOME_DIR", "/home/app/sql")
			.containsEntry("DIR2", "db/migrations/more")
			.containsEntry("COLON", "value");
	}

	@Test
	void theEnvironmentWinsOverTheFile() {
		Map<String, String> combined = DotEnv.overlay(Map.of("MIGRATOR_URL", "from-env"),
				Path.of("src/test/resources/env/sample.env"), true);
		assertThat(combined).containsEntry("MIGRATOR_URL", "from-env").containsEntry("MIGRATOR_TABLE", "from_file");
	}

	@Test
	void aMissingDefaultFileIsNoErrorButAMissingNamedFileIs() {
		assertThat(DotEnv.overlay(Map.of("A", "1"), Path.of("does-not-exist/.env"), false)).isEqualTo(Map.of("A", "1"));
		assertThatExceptionOfType(MigratorException.class)
			.isThrownBy(() -> DotEnv.overlay(Map.of(), Path.of("does-not-exist/.env"), true))
			.withMessageContaining("does-not-exist/.env does not exist")
			.withMessageContaining("--env none");
	}

	@Test
	void aBrokenLineIsNamedWithoutEchoingIt() {
		assertThatExceptionOfType(MigratorException.class)
			.isThrownBy(() -> DotEnv.parse(List.of("OK=1", "s3cret-without-a-key"), FILE, Map.of()))
			.withMessageContaining(".env line 2 is not KEY=VALUE")
			.withMessageNotContaining("s3cret");
	}

}
