package io.migrator.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.migrator.benchmarks.wire.RoundTripProxy;
import io.migrator.benchmarks.wire.WireCounts;

/**
 * One timed migration through a fresh proxy: the wall time from "engine built, DataSource
 * ready" to the result, what crossed the wire in total and while connections were
 * being opened, and the statements in the order they ran.
 *
 * @param millis wall time, connection opening included
 * @param total everything that crossed the proxy
 * @param opening what crossed the proxy inside {@code DataSource.getConnection()}
 * @param statements the statement texts in order (opening included)
 */
record Run(double millis, WireCounts total, WireCounts opening, List<String> statements) {

	private static final Pattern LOCKING = Pattern.compile(
			"(?i).*(pg_(try_)?advisory(_xact)?_lock|\\block\\s+table\\b|\\bfor\\s+(update|share|no key update)\\b).*");

	static Run measure(Server server, String database, Tool tool, Path directory, Duration delayEachWay) {
		return measure(server, database, tool, directory, delayEachWay, null);
	}

	/**
	 * Measures one migration.
	 * @param assumeMinServerVersion PgJDBC's {@code assumeMinServerVersion}, or null for the driver default
	 */
	static Run measure(Server server, String database, Tool tool, Path directory, Duration delayEachWay,
			String assumeMinServerVersion) {
		try (RoundTripProxy proxy = RoundTripProxy.start(server.host(), server.port(), delayEachWay)) {
			ProxiedDataSource dataSource = new ProxiedDataSource(proxy, database, server.user(), server.password(),
					assumeMinServerVersion);
			Runnable migrate = tool.prepare(dataSource, directory);
			long started = System.nanoTime();
			migrate.run();
			double millis = (System.nanoTime() - started) / 1e6;
			return new Run(millis, proxy.counts(), dataSource.opening(), proxy.statements().sequence());
		}
	}

	/** What crossed the wire after the connections were open: the tool's own work. */
	WireCounts work() {
		return this.total.minus(this.opening);
	}

	/** Statements that take a lock (advisory locks, LOCK TABLE, SELECT ... FOR UPDATE). */
	long lockStatements() {
		return this.statements.stream().filter((sql) -> LOCKING.matcher(sql).matches()).count();
	}

}
