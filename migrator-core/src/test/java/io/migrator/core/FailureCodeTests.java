package io.migrator.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import io.migrator.core.MigrationFailedException.Aftermath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every failure carries the code of what happened, set where it happened, so that tools
 * (the CLI's exit codes, the starter's failure report) decide on the code instead of the
 * message's wording; and a failed migration says what of it stayed in the database.
 */
class FailureCodeTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	@Test
	void aServerThatDoesNotAnswerIsAConnectionFailureNotAHistoryOne() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL("jdbc:postgresql://127.0.0.1:1/app");
		dataSource.setConnectTimeout(5);
		Migrator migrator = this.fixture.builder().dataSource(dataSource).build();

		MigratorException failure = catchThrowableOfType(MigratorException.class, migrator::up);

		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.CONNECTION_FAILED);
		assertThat(failure.getMessage()).startsWith("Cannot connect to the database");
	}

	@Test
	void aFileWhoseBytesCannotBeReadIsAnUnreadableSourceNamingItAndNothingRuns() throws IOException {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		// A regular file whose read fails with EIO, whatever the user's permissions (tests may run as root).
		Files.createSymbolicLink(this.fixture.directory().resolve("00002_b.sql"), Path.of("/proc/self/mem"));

		UnreadableSourceException failure = catchThrowableOfType(UnreadableSourceException.class,
				() -> this.fixture.migrator().up());

		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.SOURCE_UNREADABLE);
		assertThat(failure.getSource()).endsWith("00002_b.sql");
		assertThat(failure.getMessage()).contains("00002_b.sql: cannot be read (", "Check that the file exists");
		assertThat(failure.getCause()).isInstanceOf(IOException.class);
		assertThat(this.fixture.tableExists("a")).isFalse();
	}

	@Test
	void aDanglingLinkNamedLikeAMigrationIsAnUnreadableSource() throws IOException {
		Files.createSymbolicLink(this.fixture.directory().resolve("00001_a.sql"),
				this.fixture.directory().resolve("gone.sql"));

		MigratorException failure = catchThrowableOfType(MigratorException.class, () -> this.fixture.migrator().up());

		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.SOURCE_UNREADABLE);
		assertThat(failure.getMessage()).contains("00001_a.sql: is a symbolic link whose target cannot be read "
				+ "(it does not exist)");
	}

	@Test
	void aFailedTransactionalMigrationIsRolledBack() {
		this.fixture.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\nSELECT 1/0;\n");

		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());

		assertThat(failure.getAftermath()).isEqualTo(Aftermath.ROLLED_BACK);
		assertThat(this.fixture.tableExists("a")).isFalse();
	}

	@Test
	void aNoTransactionMigrationFailingAfterACommittedStatementIsIncomplete() {
		this.fixture.write("00001_a.sql",
				"-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE a (id int);\nSELECT 1/0;\n");

		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());

		assertThat(failure.getAftermath()).isEqualTo(Aftermath.INCOMPLETE);
		assertThat(this.fixture.tableExists("a")).isTrue();
		assertThat(this.fixture.history()).containsExactly("1:started");
	}

	@Test
	void aNoTransactionMigrationFailingOnItsFirstStatementCommittedNothing() {
		this.fixture.write("00001_a.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nSELECT 1/0;\nCREATE TABLE a (id int);\n");

		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> this.fixture.migrator().up());

		assertThat(failure.getAftermath()).isEqualTo(Aftermath.NOTHING_COMMITTED);
		assertThat(this.fixture.tableExists("a")).isFalse();
	}

	@Test
	void creatingAMigrationWhereAFileBlocksTheDirectoryIsAnAuthoringFailureNotATakenVersion() throws IOException {
		Path blocking = this.fixture.directory().resolve("db");
		Files.writeString(blocking, "not a directory");

		MigratorException failure = catchThrowableOfType(MigratorException.class,
				() -> MigrationAuthoring.forDirectory(blocking.resolve("migrations")).createSql("add users", true));

		assertThat(failure.getErrorCode()).isEqualTo(ErrorCode.AUTHORING_FAILED);
		assertThat(failure.getMessage()).contains("Cannot create " + blocking.resolve("migrations"),
				"is a directory the user may write to");
	}

}
