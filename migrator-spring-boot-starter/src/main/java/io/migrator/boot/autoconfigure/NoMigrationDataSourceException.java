package io.migrator.boot.autoconfigure;

import java.util.List;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;

/**
 * The application has several {@code DataSource} beans and nothing says which one
 * migrations use.
 */
public class NoMigrationDataSourceException extends MigratorException {

	private final List<String> candidates;

	/**
	 * Creates an exception naming the candidates.
	 * @param candidates the bean names of the DataSources found
	 */
	public NoMigrationDataSourceException(List<String> candidates) {
		super(ErrorCode.INVALID_CONFIGURATION, "migrator cannot choose a DataSource: found " + candidates.size()
				+ " DataSource beans " + candidates + " and none is @Primary or marked @MigratorDataSource");
		this.candidates = List.copyOf(candidates);
	}

	/**
	 * Returns the bean names of the DataSources found.
	 * @return the candidates
	 */
	public List<String> getCandidates() {
		return this.candidates;
	}

}
