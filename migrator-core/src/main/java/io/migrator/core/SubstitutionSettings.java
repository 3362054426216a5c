package io.migrator.core;

import java.util.Map;

/**
 * Where the values of ENVSUB references ({@code ${NAME}} in files with
 * {@code -- +goose ENVSUB ON}) come from.
 *
 * @param variables values looked up before environment variables
 * @param useEnvironmentVariables whether the process environment is the fallback
 */
public record SubstitutionSettings(Map<String, String> variables, boolean useEnvironmentVariables) {

	/**
	 * Copies the variables, so that the settings cannot change after the migrator is built.
	 * @param variables values looked up before environment variables
	 * @param useEnvironmentVariables whether the process environment is the fallback
	 */
	public SubstitutionSettings {
		variables = Map.copyOf(variables);
	}

	/**
	 * Looks up the value of a variable.
	 * @param name the variable name
	 * @return its value, or {@code null} when unset
	 */
	public String lookup(String name) {
		String value = this.variables.get(name);
		if (value == null && this.useEnvironmentVariables) {
			value = System.getenv(name);
		}
		return value;
	}

}
