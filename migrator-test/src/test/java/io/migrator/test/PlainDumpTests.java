package io.migrator.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.migrator.testsupport.TestDatabase;
import io.migrator.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlainDumpTests {

	private final TestDatabase database = TestPostgres.get().createDatabase("plain_dump_tests");

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	@Test
	void loadsFunctionBodiesCommentsAndRestrictLines(@TempDir Path directory) throws IOException, SQLException {
		Path dump = Files.writeString(directory.resolve("dump.sql"), """
				\\restrict Zq9
				-- PostgreSQL database dump
				SET statement_timeout = 0;
				SELECT pg_catalog.set_config('search_path', '', false);
				CREATE TABLE public.t (a text DEFAULT 'x;y');
				CREATE FUNCTION public.f() RETURNS int
				    LANGUAGE plpgsql
				    AS $$
				BEGIN
				    RETURN 1; -- ; inside
				END;
				$$;
				INSERT INTO public.t VALUES ('a;b');
				\\unrestrict Zq9
				""");
		PlainDump.load(dump, this.database);
		assertThat(query("SELECT a || public.f() FROM public.t")).isEqualTo("a;b1");
	}

	@Test
	void failureKeepsNothingOfTheDump(@TempDir Path directory) throws IOException, SQLException {
		Path dump = Files.writeString(directory.resolve("dump.sql"),
				"CREATE TABLE kept (a int);\nINSERT INTO kept VALUES (1);\nSELECT 1/0;\n");
		assertThatIllegalArgumentException().isThrownBy(() -> PlainDump.load(dump, this.database))
			.withMessageContaining("division by zero");
		assertThat(query("SELECT to_regclass('public.kept')::text")).isNull();
	}

	@Test
	void dumpThatIsNotUtf8IsRefused(@TempDir Path directory) throws IOException {
		Path dump = Files.write(directory.resolve("dump.sql"), new byte[] { 'S', 'E', 'L', (byte) 0xE9, ';' });
		assertThatIllegalArgumentException().isThrownBy(() -> PlainDump.load(dump, this.database))
			.withMessage("Dump " + dump + " is not UTF-8; dump with --encoding=UTF8");
	}

	@Test
	void missingDumpIsRefusedNamingIt(@TempDir Path directory) {
		Path dump = directory.resolve("absent.sql");
		assertThatIllegalArgumentException().isThrownBy(() -> PlainDump.load(dump, this.database))
			.withMessageStartingWith("Could not read dump " + dump + ": ");
	}

	private String query(String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

}
