package io.migrator.boot.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigratorException;
import io.migrator.core.ValidationProblem;
import io.migrator.core.ValidationResult;

/**
 * The startup guard ({@code migrator.mode=validate}) refused to start the application
 * because the schema is not fully applied or is inconsistent with this build.
 */
public class SchemaNotAppliedException extends MigratorException {

	private final ValidationResult result;

	/**
	 * Creates an exception for the problems {@code check} found.
	 * @param result the failed check
	 */
	public SchemaNotAppliedException(ValidationResult result) {
		super(ErrorCode.NOT_UP_TO_DATE, "The database schema is not fully applied: " + result.describe());
		this.result = result;
	}

	/**
	 * Returns what the check found.
	 * @return the check's result
	 */
	public ValidationResult getResult() {
		return this.result;
	}

	/**
	 * Returns the versions that have a problem of the given kind.
	 * @param kind the kind
	 * @return the versions, in the order found
	 */
	public List<Long> versionsWith(ValidationProblem.Kind kind) {
		return this.result.problems()
			.stream()
			.filter((problem) -> problem.kind() == kind)
			.map(ValidationProblem::version)
			.collect(Collectors.toList());
	}

}
