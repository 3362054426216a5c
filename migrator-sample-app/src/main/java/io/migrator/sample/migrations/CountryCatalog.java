package io.migrator.sample.migrations;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Reference data the shop ships with. A bean, so that the Java migration seeding it gets
 * it by dependency injection.
 */
@Component
public class CountryCatalog {

	/**
	 * Returns the countries customers may live in.
	 * @return ISO code to name
	 */
	public Map<String, String> countries() {
		Map<String, String> countries = new LinkedHashMap<>();
		countries.put("DE", "Germany");
		countries.put("FR", "France");
		countries.put("NL", "Netherlands");
		countries.put("US", "United States");
		return countries;
	}

}
