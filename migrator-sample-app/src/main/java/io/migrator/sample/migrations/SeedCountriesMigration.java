package io.migrator.sample.migrations;

import java.sql.PreparedStatement;
import java.util.Map;

import io.migrator.core.JavaMigration;
import io.migrator.core.MigrationContext;

import org.springframework.stereotype.Component;

/**
 * Version 2, between the SQL files 1 and 3: seeds reference data from an injected bean.
 * Runs in the migration's transaction with its history row.
 */
@Component
class SeedCountriesMigration implements JavaMigration {

	private final CountryCatalog catalog;

	SeedCountriesMigration(CountryCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public long version() {
		return 2;
	}

	@Override
	public String description() {
		return "seed countries";
	}

	@Override
	public void up(MigrationContext context) throws Exception {
		try (PreparedStatement insert = context.connection()
			.prepareStatement("INSERT INTO countries (code, name) VALUES (?, ?)")) {
			for (Map.Entry<String, String> country : this.catalog.countries().entrySet()) {
				insert.setString(1, country.getKey());
				insert.setString(2, country.getValue());
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	@Override
	public void down(MigrationContext context) throws Exception {
		try (var delete = context.connection().createStatement()) {
			delete.execute("DELETE FROM countries");
		}
	}

}
