package io.migrator.core;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * goose directories shaped like public ones (see {@code src/test/resources/goose-corpus}):
 * each is applied through {@code up} exactly as a goose user has it, checked in the
 * database, then undone to version 0, which must leave the schema as it was.
 */
class GooseDirectoryCorpusTests {

	@RegisterExtension
	final EngineFixture fixture = new EngineFixture();

	/**
	 * Timestamp versions, a trigger function in a block with {@code LANGUAGE 'plpgsql'},
	 * multi-action {@code ALTER TABLE}, {@code ::xid8} casts, comments and trailing spaces
	 * between statements, a Down whose last statement has no newline, and a README and an
	 * {@code archive/} sub-directory that are not migrations.
	 */
	@Test
	void timestampVersionsWithTriggerFunctionAndCasts() {
		Migrator migrator = corpus("library-timestamps");
		List<String> before = this.fixture.schemaShape();
		assertThat(migrator.up().migrations()).extracting(MigrationResult::version)
			.containsExactly(20240105093011L, 20240105093412L, 20240212170544L, 20240301081500L);
		assertThat(this.fixture.query("SELECT id || ':' || branch FROM members")).containsExactly("m1:main");
		this.fixture.execute("UPDATE members SET full_name = 'renamed' WHERE id = 'm1'");
		assertThat(this.fixture.query("SELECT updated_at IS NOT NULL FROM members")).containsExactly("t");
		assertThat(this.fixture.query("SELECT column_default FROM information_schema.columns "
				+ "WHERE table_name = 'loans' AND column_name = 'returned_tx'"))
			.containsExactly("'9223372036854775807'::xid8");
		assertThat(this.fixture.tableExists("never_applied_from_archive")).isFalse();
		migrator.downTo(0);
		assertThat(this.fixture.schemaShape()).isEqualTo(before);
		assertThat(this.fixture.history()).isEmpty();
	}

	/**
	 * Sequential versions with gaps, every statement in a block, NO TRANSACTION before Up
	 * for {@code CREATE INDEX CONCURRENTLY}, a function body that ends at {@code $$} with
	 * no semicolon, a trigger, a quoted extension name, and a {@code down/} directory of
	 * files named like nothing goose knows.
	 */
	@Test
	void sequentialVersionsWithGapsAndNoTransactionBlocks() {
		Migrator migrator = corpus("blog-gaps");
		List<String> before = this.fixture.schemaShape();
		RunResult up = migrator.up();
		assertThat(up.migrations()).extracting(MigrationResult::version)
			.containsExactly(1L, 3L, 4L, 5L, 6L, 7L, 8L);
		this.fixture.execute("INSERT INTO users (email) VALUES ('reader@example.org')");
		assertThat(this.fixture.query("SELECT s.theme FROM user_settings s JOIN users u ON u.id = s.user_id"))
			.containsExactly("light");
		assertThat(this.fixture.query("SELECT indexname FROM pg_indexes WHERE indexname = 'posts_user_id_key'"))
			.containsExactly("posts_user_id_key");
		assertThat(this.fixture.query("SELECT extname FROM pg_extension WHERE extname = 'pgcrypto'"))
			.containsExactly("pgcrypto");
		migrator.downTo(0);
		assertThat(this.fixture.schemaShape()).isEqualTo(before);
		assertThat(this.fixture.query("SELECT extname FROM pg_extension WHERE extname = 'pgcrypto'")).isEmpty();
	}

	/**
	 * NO TRANSACTION before and after the Up annotation, several {@code CONCURRENTLY}
	 * statements in one file outside blocks, {@code IF NOT EXISTS}/{@code IF EXISTS}
	 * variants and a schema-qualified table.
	 */
	@Test
	void concurrentIndexesOutsideTransactions() {
		Migrator migrator = corpus("indexes-no-transaction");
		List<String> before = this.fixture.schemaShape();
		migrator.up();
		assertThat(this.fixture.query("SELECT indexname FROM pg_indexes WHERE tablename = 'tuples' ORDER BY 1"))
			.containsExactly("idx_tuples_tenant_relation", "idx_tuples_token");
		assertThat(this.fixture.query("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).containsExactly("0");
		migrator.down();
		migrator.down();
		assertThat(this.fixture.query("SELECT indexname FROM pg_indexes WHERE tablename = 'tuples' ORDER BY 1"))
			.containsExactly("idx_tuples_entity");
		migrator.downTo(0);
		assertThat(this.fixture.schemaShape()).isEqualTo(before);
	}

	/**
	 * {@code DO $$ ... END $$;} blocks that create enum types only when missing, a quoted
	 * mixed-case type name, sequential and timestamp versions in one directory, files that
	 * end right after {@code StatementEnd} with no newline, and a string with a {@code ;}
	 * and a doubled quote.
	 */
	@Test
	void enumTypesCreatedInDoBlocks() {
		Migrator migrator = corpus("enum-do-blocks");
		migrator.up();
		this.fixture.execute("INSERT INTO wallets (owner) VALUES ('ada')");
		this.fixture.execute("INSERT INTO entries (wallet_id, kind, amount) VALUES (1, 'CREDIT', 10)");
		assertThat(this.fixture.query("SELECT w.role || ':' || e.kind || ':' || e.note FROM wallets w "
				+ "JOIN entries e ON e.wallet_id = w.id"))
			.containsExactly("CUSTOMER:CREDIT:it's a transfer; not a split point");
		migrator.downTo(0);
		assertThat(this.fixture.query("SELECT typname FROM pg_type WHERE typname IN ('Role', 'entry_kind')"))
			.isEmpty();
		assertThat(this.fixture.tableExists("wallets")).isFalse();
	}

	/**
	 * goose's own example layout: SQL and Go migrations in one directory, next to the
	 * {@code main.go} of the custom goose binary and a Go test file. The Go migrations,
	 * ported to Java with the same versions, replace the {@code .go} files.
	 */
	@Test
	void goMigrationsPortedToJava() {
		Migrator goOnly = corpus("go-migrations");
		assertThat(goOnly.status().migrations()).extracting(MigrationInfo::version, MigrationInfo::type)
			.containsExactly(tuple(1L, MigrationType.SQL), tuple(2L, MigrationType.GO), tuple(3L, MigrationType.GO));
		Migrator ported = this.fixture.builder()
			.locations("classpath:goose-corpus/go-migrations")
			.javaMigrations(new V2__rename_admin(), new V3__add_guest_no_tx())
			.build();
		assertThat(ported.up().migrations()).extracting(MigrationResult::version, MigrationResult::type)
			.containsExactly(tuple(1L, MigrationType.SQL), tuple(2L, MigrationType.JAVA),
					tuple(3L, MigrationType.JAVA));
		assertThat(this.fixture.query("SELECT login FROM accounts ORDER BY id"))
			.containsExactly("superuser", "ada", "guest");
		ported.downTo(0);
		assertThat(this.fixture.tableExists("accounts")).isFalse();
		assertThat(this.fixture.history()).isEmpty();
	}

	private Migrator corpus(String directory) {
		return this.fixture.builder().locations("classpath:goose-corpus/" + directory).build();
	}

	/**
	 * {@code 00002_rename_admin.go}, ported.
	 */
	static final class V2__rename_admin implements JavaMigration {

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("UPDATE accounts SET login = 'superuser' WHERE login = 'admin'");
			}
		}

		@Override
		public void down(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("UPDATE accounts SET login = 'admin' WHERE login = 'superuser'");
			}
		}

	}

	/**
	 * {@code 00003_add_guest_no_tx.go}, ported: like goose's {@code AddMigrationNoTx}, it
	 * runs outside a transaction.
	 */
	static final class V3__add_guest_no_tx implements JavaMigration {

		@Override
		public boolean transactional() {
			return false;
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (PreparedStatement insert = context.connection()
				.prepareStatement("INSERT INTO accounts (id, login, given_name, family_name) VALUES (?, ?, ?, ?)")) {
				insert.setInt(1, 2);
				insert.setString(2, "guest");
				insert.setString(3, "Guest");
				insert.setString(4, "User");
				insert.executeUpdate();
			}
		}

		@Override
		public void down(MigrationContext context) throws Exception {
			try (PreparedStatement delete = context.connection()
				.prepareStatement("DELETE FROM accounts WHERE login = ?")) {
				delete.setString(1, "guest");
				delete.executeUpdate();
			}
		}

	}

}
