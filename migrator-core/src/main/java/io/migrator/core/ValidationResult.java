package io.migrator.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of {@code validate} or {@code check}.
 *
 * @param problems what is inconsistent; empty when everything is fine
 */
public record ValidationResult(List<ValidationProblem> problems) {

	public ValidationResult {
		problems = List.copyOf(problems);
	}

	/**
	 * Returns whether no problem was found.
	 * @return whether the result is clean
	 */
	public boolean isValid() {
		return this.problems.isEmpty();
	}

	/**
	 * Returns every problem's message, one per line.
	 * @return the messages
	 */
	public String describe() {
		return this.problems.stream().map(ValidationProblem::message).collect(Collectors.joining(System.lineSeparator()));
	}

}
