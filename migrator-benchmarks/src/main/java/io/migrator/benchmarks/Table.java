package io.migrator.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * A Markdown table, and the small statistics the tables show.
 */
final class Table {

	private final List<String[]> rows = new ArrayList<>();

	Table(String... header) {
		this.rows.add(header);
	}

	Table row(Object... cells) {
		this.rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
		return this;
	}

	@Override
	public String toString() {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < this.rows.size(); i++) {
			out.append("| ").append(String.join(" | ", this.rows.get(i))).append(" |\n");
			if (i == 0) {
				out.append("|").append(" --- |".repeat(this.rows.get(0).length)).append('\n');
			}
		}
		return out.toString();
	}

	static double median(Collection<Run> runs) {
		double[] millis = runs.stream().mapToDouble(Run::millis).sorted().toArray();
		int mid = millis.length / 2;
		return (millis.length % 2 == 1) ? millis[mid] : (millis[mid - 1] + millis[mid]) / 2;
	}

	/** "median (min–max)" of the wall times, in ms. */
	static String wall(Collection<Run> runs) {
		double min = runs.stream().mapToDouble(Run::millis).min().orElse(0);
		double max = runs.stream().mapToDouble(Run::millis).max().orElse(0);
		return ms(median(runs)) + " (" + ms(min) + "–" + ms(max) + ")";
	}

	/**
	 * The value of a deterministic count: one number when every run agrees, else each
	 * distinct value (so a count that is not deterministic shows at once).
	 */
	static String count(Collection<Run> runs, ToLongFunction<Run> count) {
		TreeSet<Long> values = new TreeSet<>();
		runs.forEach((run) -> values.add(count.applyAsLong(run)));
		return (values.size() == 1) ? String.format("%,d", values.first())
				: "varies: " + values.stream().map((v) -> String.format("%,d", v)).toList();
	}

	static String ms(double millis) {
		return (millis >= 100) ? String.format("%,.0f", millis) : String.format("%.1f", millis);
	}

	static String ratio(double flyway, double migrator) {
		return String.format("%.1f×", flyway / migrator);
	}

}
