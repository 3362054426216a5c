package io.migrator.core.internal.source;

import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.migrator.core.Direction;
import io.migrator.core.InvalidSourceException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hand-written file name parser against the rules it replaced, written as the
 * patterns they were: random names over an alphabet of the characters that matter
 * (digits, separators, suffix letters in both cases, line terminators, the long s).
 */
class MigrationFileNameTests {

	private static final Pattern SQL_RULE = Pattern.compile("(\\d+)_(.+?)(\\.up|\\.down)?\\.sql",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern GO_RULE = Pattern.compile("(\\d+)_(.*)\\.go");

	private static final String ALPHABET = "0123456789__..upUPdowDOWnNsqlSQLgtex \n\u2028\u017f";

	@Test
	void parsesEveryNameAsThePatternsDo() {
		Random random = new Random(16);
		for (int i = 0; i < 60_000; i++) {
			String name = randomName(random);
			assertThat(describeSql(name)).as("parse(%s)", name).isEqualTo(expectedSql(name));
			assertThat(describeGo(name)).as("parseGo(%s)", name).isEqualTo(expectedGo(name));
			assertThat(MigrationFileName.isSql(name)).as("isSql(%s)", name)
				.isEqualTo(name.toLowerCase(java.util.Locale.ROOT).endsWith(".sql"));
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "00001_create_users.sql|1|create users|", "2_a.up.sql|2|a|UP",
			"3_a.DOWN.SQL|3|a|DOWN", "4_.up.sql|4|.up|", "5_a.down.up.sql|5|a.down|UP", "6_x.sql.sql|6|x.sql|" })
	void readsVersionDescriptionAndDirection(String fileName, long version, String description, Direction direction) {
		MigrationFileName name = MigrationFileName.parse(file(fileName));
		assertThat(name).isEqualTo(new MigrationFileName(version, description, direction));
	}

	@Test
	void refusesWhatDoesNotParseNamingTheFile() {
		assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> MigrationFileName.parse(file("init.sql")))
			.withMessageContaining("db/migrations/init.sql")
			.withMessageContaining("does not match <version>_<description>.sql");
		assertThatExceptionOfType(InvalidSourceException.class)
			.isThrownBy(() -> MigrationFileName.parse(file("99999999999999999999_big.sql")))
			.withMessageContaining("does not fit a 64-bit integer");
		assertThatExceptionOfType(InvalidSourceException.class).isThrownBy(() -> MigrationFileName.parse(file("0_zero.sql")))
			.withMessageContaining("must be positive");
	}

	private static String randomName(Random random) {
		StringBuilder name = new StringBuilder();
		if (random.nextInt(4) > 0) {
			name.append(random.nextInt(1000)).append('_');
		}
		int length = random.nextInt(9);
		for (int i = 0; i < length; i++) {
			name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		String[] endings = { ".sql", ".SQL", ".up.sql", ".Down.Sql", ".go", "_test.go", ".sq", "" };
		return name.append(endings[random.nextInt(endings.length)]).toString();
	}

	private static String describeSql(String fileName) {
		try {
			MigrationFileName name = MigrationFileName.parse(file(fileName));
			return name.version() + "|" + name.description() + "|" + name.pairDirection();
		}
		catch (InvalidSourceException ex) {
			return "refused: " + ex.getMessage();
		}
	}

	private static String expectedSql(String fileName) {
		Matcher matcher = SQL_RULE.matcher(fileName);
		if (!matcher.matches()) {
			return describeRefusal(fileName, "the file name does not match");
		}
		long version;
		try {
			version = Long.parseLong(matcher.group(1));
		}
		catch (NumberFormatException ex) {
			return describeRefusal(fileName, "does not fit");
		}
		if (version <= 0) {
			return describeRefusal(fileName, "must be positive");
		}
		Direction direction = (matcher.group(3) == null) ? null
				: matcher.group(3).equalsIgnoreCase(".up") ? Direction.UP : Direction.DOWN;
		return version + "|" + matcher.group(2).replace('_', ' ').trim() + "|" + direction;
	}

	/** The parser's own message for the expected kind of refusal (its wording is tested above). */
	private static String describeRefusal(String fileName, String kind) {
		String actual = describeSql(fileName);
		return actual.startsWith("refused: ") && actual.contains(kind) ? actual : "refused because " + kind;
	}

	private static String describeGo(String fileName) {
		MigrationFileName name = MigrationFileName.parseGo(fileName);
		return (name != null) ? name.version() + "|" + name.description() : "ignored";
	}

	private static String expectedGo(String fileName) {
		Matcher matcher = GO_RULE.matcher(fileName);
		if (fileName.endsWith("_test.go") || !matcher.matches()) {
			return "ignored";
		}
		try {
			long version = Long.parseLong(matcher.group(1));
			return (version > 0) ? version + "|" + matcher.group(2).replace('_', ' ').trim() : "ignored";
		}
		catch (NumberFormatException ex) {
			return "ignored";
		}
	}

	private static ResourceFile file(String fileName) {
		return new ResourceFile.OnFileSystem("db/migrations/" + fileName, Path.of("/nowhere", "x"));
	}

}
