package io.migrator.core;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
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

	/**
	 * What {@code goose create NAME sql} leaves behind: the template's
	 * {@code SELECT 'up SQL query';} alone in a block with the real statement after it, a
	 * line of spaces before Down, a block whose last statement has no {@code ;}, and a Down
	 * whose last line has no newline.
	 */
	@Test
	void createTemplatePlaceholdersAroundTheRealStatements() {
		Migrator migrator = corpus("create-template-placeholders");
		List<String> before = this.fixture.schemaShape();
		assertThat(migrator.up().migrations()).extracting(MigrationResult::version)
			.containsExactly(1L, 20250130210800L);
		this.fixture.execute("INSERT INTO counters (tally) VALUES (3)");
		this.fixture.execute("INSERT INTO members (handle) VALUES ('ada')");
		assertThat(this.fixture.query("SELECT c.tally || ':' || m.handle FROM counters c, members m"))
			.containsExactly("3:ada");
		migrator.downTo(0);
		assertThat(this.fixture.schemaShape()).isEqualTo(before);
		assertThat(this.fixture.history()).isEmpty();
	}

	/**
	 * goose's first templates: a blank line before Up, quotes in the header comments, blank
	 * lines before Down, {@code -- +goose Down } with a trailing space, no newline at the
	 * end, and a trigram index that needs the extension an earlier file creates.
	 */
	@Test
	void oldTemplateHeadersAndAnAnnotationWithTrailingSpace() {
		Migrator migrator = corpus("old-goose-comment-headers");
		List<String> before = this.fixture.schemaShape();
		assertThat(migrator.up().migrations()).extracting(MigrationResult::version)
			.containsExactly(20150130174043L, 20150130174100L, 20150130174127L);
		this.fixture.execute("INSERT INTO venues (venue_name) VALUES ('Harbour Hall')");
		assertThat(this.fixture.query("SELECT venue_name FROM venues WHERE venue_name % 'Harbor Hall'"))
			.containsExactly("Harbour Hall");
		assertThat(this.fixture.query("SELECT indexname FROM pg_indexes WHERE tablename = 'venues' ORDER BY 1"))
			.containsExactly("index_venues_on_name", "venues_pkey");
		migrator.downTo(0);
		assertThat(this.fixture.schemaShape()).isEqualTo(before);
		assertThat(this.fixture.query("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")).isEmpty();
	}

	/**
	 * Four-digit versions, a role created in a {@code DO $$ ... END$$;} block whose body has
	 * a comment with a typographic apostrophe, and several {@code SECURITY DEFINER}
	 * functions, REVOKE and GRANT sent as one block that runs straight into Down.
	 */
	@Test
	void roleInDoBlockAndSecurityDefinerFunctionsInOneBlock() {
		Migrator migrator = corpus("roles-and-security-definer");
		List<String> before = this.fixture.schemaShape();
		assertThat(migrator.up().migrations()).extracting(MigrationResult::version)
			.containsExactly(1L, 2L, 3L, 4L);
		assertThat(this.fixture.query("SELECT has_function_privilege('corpus_ride_app', "
				+ "'set_rider_tier(uuid,rider_tier)', 'EXECUTE')")).containsExactly("t");
		this.fixture.execute("SELECT register_rider('  Ada@Example.org ', 'platinum')");
		assertThat(this.fixture.query("SELECT email || ':' || tier FROM riders")).containsExactly("ada@example.org:platinum");
		assertThat(this.fixture.query("SELECT pg_get_constraintdef(oid) LIKE '%root@localhost%' FROM pg_constraint "
				+ "WHERE conname = 'riders_email_check'")).containsExactly("t");
		migrator.downTo(0);
		assertThat(this.fixture.schemaShape()).isEqualTo(before);
		assertThat(this.fixture.query("SELECT rolname FROM pg_roles WHERE rolname = 'corpus_ride_app'")).isEmpty();
	}

	/**
	 * A directory with a file whose every line, annotations included, was commented out:
	 * goose finds no Up in it and refuses the directory, and so does migrator, naming the
	 * file, before anything reaches the database.
	 */
	@Test
	void commentedOutMigrationIsRefusedBeforeAnythingRuns() {
		Migrator migrator = corpus("commented-out-migration");
		List<String> before = this.fixture.schemaShape();
		MigratorException refused = catchThrowableOfType(MigratorException.class, migrator::up);
		assertThat(refused.getMessage()).isEqualTo("goose-corpus/commented-out-migration/0002_tier_guards.sql:1: "
				+ "no '-- +goose Up' annotation: the one on line 1 is commented out. Uncomment the file to run this "
				+ "migration, or delete it; goose refuses it as it is too");
		assertThat(this.fixture.schemaShape()).isEqualTo(before);
		assertThat(this.fixture.tableExists("guarded_riders")).isFalse();
		assertThat(this.fixture.tableExists("migrator_history")).isFalse();
	}

	/**
	 * A string over several lines with a blank one, {@code ;} followed by a comment, blank
	 * lines around Up, {@code CREATE} and {@code OR REPLACE} on two lines, tripled quotes
	 * and a line ending in {@code ;'} inside a function body, and a file with no Down: goose
	 * only drops its history row on the way down, which migrator does when asked to.
	 */
	@Test
	void multiLineStringsAndAFunctionWithoutDown() {
		Migrator migrator = this.fixture.builder()
			.locations("classpath:goose-corpus/multiline-string-literals")
			.removeHistoryRowWhenNoDown(true)
			.build();
		List<String> before = this.fixture.schemaShape();
		assertThat(migrator.up().migrations()).extracting(MigrationResult::version).containsExactly(1L, 2L);
		assertThat(this.fixture.query("SELECT title FROM article"))
			.containsExactly("A title over\nthree lines\n\nwith a blank line in it");
		this.fixture.execute("SELECT article_archive_creation('2024-01-01', '2024-02-01')");
		assertThat(this.fixture.query("SELECT tablename FROM pg_tables WHERE tablename LIKE 'article_archive_%' "
				+ "ORDER BY 1")).containsExactly("article_archive_2024_01", "article_archive_2024_02");
		this.fixture.execute("DROP TABLE article_archive_2024_01, article_archive_2024_02");
		migrator.downTo(0);
		List<String> withFunctionLeft = new ArrayList<>(before);
		withFunctionLeft.add("article_archive_creation");
		assertThat(this.fixture.schemaShape()).containsExactlyInAnyOrderElementsOf(withFunctionLeft);
		assertThat(this.fixture.history()).isEmpty();
	}

	/**
	 * A scaffold header whose comments name annotations mid-sentence, a block followed
	 * straight by Down, and a Down holding only a comment: undoing that version runs
	 * nothing and deletes its row, as goose does, so its table stays.
	 */
	@Test
	void scaffoldHeaderAndEmptyDown() {
		Migrator migrator = corpus("init-header-empty-down");
		assertThat(migrator.up().migrations()).extracting(MigrationResult::version)
			.containsExactly(1L, 20180217134756L);
		this.fixture.execute("INSERT INTO threads (subject) VALUES ('hello')");
		this.fixture.execute("INSERT INTO replies (body, thread_id) VALUES ('hi', 1)");
		this.fixture.execute("INSERT INTO guests (id, nickname) VALUES (1, 'ada')");
		migrator.downTo(0);
		assertThat(this.fixture.tableExists("threads")).isFalse();
		assertThat(this.fixture.tableExists("replies")).isFalse();
		assertThat(this.fixture.query("SELECT nickname FROM guests")).containsExactly("ada");
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
