package io.migrator.benchmarks.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements that crossed the proxy, in first-seen order with how often each ran,
 * so a report can say which statements cost the round trips.
 */
public final class StatementLog {

	private static final int MAX_DISTINCT = 20_000;

	private static final int MAX_TEXT = 160;

	private final Map<String, Integer> counts = new LinkedHashMap<>();

	private final List<String> sequence = new ArrayList<>();

	synchronized void add(String sql) {
		String text = (sql != null) ? sql.strip().replaceAll("\\s+", " ") : "<unknown portal>";
		if (text.length() > MAX_TEXT) {
			text = text.substring(0, MAX_TEXT) + "...";
		}
		if (this.sequence.size() < MAX_DISTINCT) {
			this.sequence.add(text);
		}
		if (this.counts.containsKey(text) || this.counts.size() < MAX_DISTINCT) {
			this.counts.merge(text, 1, Integer::sum);
		}
	}

	/** Each distinct statement text with how many times it ran, in first-seen order. */
	public synchronized Map<String, Integer> counts() {
		return new LinkedHashMap<>(this.counts);
	}

	/** The statements in the order they ran (the first 20,000). */
	public synchronized List<String> sequence() {
		return List.copyOf(this.sequence);
	}

}
