package io.migrator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * goose's connection strings, as users have them in GOOSE_DBSTRING, converted to JDBC.
 */
class ConnectionTargetTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
			postgres://app:p%40ss@db:5433/shop?sslmode=disable | jdbc:postgresql://db:5433/shop?sslmode=disable | app | p@ss
			postgresql://db/shop                               | jdbc:postgresql://db/shop                        | -   | -
			postgres://app@h1:5432,h2:5433/shop?target_session_attrs=read-write | jdbc:postgresql://h1:5432,h2:5433/shop?targetServerType=primary | app | -
			postgres://app@[::1]:5432/shop?search_path=billing&application_name=jobs | jdbc:postgresql://[::1]:5432/shop?currentSchema=billing&ApplicationName=jobs | app | -
			postgres://app:secret@db/shop?binary_parameters=yes | jdbc:postgresql://db/shop                       | app | secret
			host=db port=5432 dbname=shop user=app password='a b\\'c' sslmode=require connect_timeout=5 | jdbc:postgresql://db:5432/shop?sslmode=require&connectTimeout=5 | app | a b'c
			user=app host=db                                   | jdbc:postgresql://db/app                         | app | -
			dbname=my\\ shop                                   | jdbc:postgresql://localhost/my%20shop            | -   | -
			jdbc:postgresql://db:5432/shop?ssl=true            | jdbc:postgresql://db:5432/shop?ssl=true          | -   | -
			""")
	void convertsGooseDsnsToJdbc(String given, String jdbcUrl, String user, String password) {
		ConnectionTarget target = ConnectionTarget.of(given, null, null);
		assertThat(target.jdbcUrl()).isEqualTo(jdbcUrl);
		assertThat(target.user()).isEqualTo(user);
		assertThat(target.password()).isEqualTo(password);
	}

	@Test
	void userAndPasswordOptionsWinOverTheDsn() {
		ConnectionTarget target = ConnectionTarget.of("postgres://dsnuser:dsnpass@db/shop", "optuser", "optpass");
		assertThat(target.user()).isEqualTo("optuser");
		assertThat(target.password()).isEqualTo("optpass");
	}

	@Test
	void jdbcUrlWithUserAndPasswordBeforeTheHostIsRefusedWithTheJdbcSpelling() {
		assertThatExceptionOfType(MigratorException.class)
			.isThrownBy(() -> ConnectionTarget.of("jdbc:postgresql://app:s3cret@127.0.0.1:5432/shop", null, null))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
			.withMessageContaining("is not a JDBC URL")
			.withMessageContaining("--url jdbc:postgresql://127.0.0.1:5432/shop --user app --password")
			.withMessageContaining("postgres://app:***@127.0.0.1:5432/shop")
			.withMessageNotContaining("s3cret");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			postgres://db/shop?pool_max_conns=4     | 'pool_max_conns' has no JDBC equivalent
			host=/var/run/postgresql dbname=shop    | Unix socket directory /var/run/postgresql
			host=db password='never closed          | opens a quote that never closes
			mysql://app:s3cret@db/shop              | but was 'mysql://app:***@db/shop'
			app:s3cret@tcp(db:3306)/shop            | it is neither (not shown: it may hold a password)
			postgres://db:port/shop                 | port 'port' is not a number
			postgres://app:s3cret%zz@db/shop        | malformed percent-escape in the password
			postgres://db/shop?password=s3cret%zz   | malformed percent-escape in the value of password
			""")
	void refusesWhatItCannotConvertWithoutEchoingPasswords(String given, String message) {
		assertThatExceptionOfType(MigratorException.class).isThrownBy(() -> ConnectionTarget.of(given, null, null))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
			.withMessageContaining(message)
			.withMessageNotContaining("s3cret");
	}

}
