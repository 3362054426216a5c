package io.migrator.core.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.migrator.core.internal.execute.ConnectionInterfaces;

/**
 * Stops a run cleanly when the process is asked to stop (SIGTERM from Kubernetes or
 * systemd, Ctrl-C): a JVM shutdown hook cancels the statement the run is executing
 * ({@link Statement#cancel()}, which the server honours at once) instead of leaving it to
 * run on, orphaned, after the JVM is gone; then it waits, boundedly, for the run to roll
 * back and report, and logs what this run committed. Without it the server would go on
 * executing the statement, and commit it, with no process left to record it.
 */
final class ShutdownCancellation implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ShutdownCancellation.class);

	private static final long REPORT_WAIT_SECONDS = 20;

	private static final String QUERY_CANCELED = "57014";

	private static final Set<String> CREATES_STATEMENTS = Set.of("createStatement", "prepareStatement", "prepareCall");

	private final String operation;

	private final Set<Statement> statements = ConcurrentHashMap.newKeySet();

	private final CountDownLatch finished = new CountDownLatch(1);

	private final Thread hook;

	private final Thread run;

	private volatile boolean requested;

	private volatile String outcome;

	ShutdownCancellation(String operation) {
		this.operation = operation;
		this.run = Thread.currentThread();
		this.hook = new Thread(this::cancelAndReport, "migrator-shutdown-" + operation);
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	/**
	 * Returns the connection with every statement created through it tracked, so the hook
	 * can cancel the one running. Java migrations get this connection too.
	 */
	Connection track(Connection connection) {
		InvocationHandler handler = (proxy, method, arguments) -> {
			if (this.requested && CREATES_STATEMENTS.contains(method.getName())) {
				// Nothing new starts once the process is stopping: not even a replay of the cancelled statement.
				throw new SQLException("Not started: the process is shutting down (SIGTERM or Ctrl-C)", QUERY_CANCELED);
			}
			Object result;
			try {
				result = method.invoke(connection, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
			if (result instanceof Statement statement) {
				this.statements.removeIf(ShutdownCancellation::isClosed);
				this.statements.add(statement);
			}
			return result;
		};
		return (Connection) Proxy.newProxyInstance(connection.getClass().getClassLoader(),
				ConnectionInterfaces.of(connection), handler);
	}

	/**
	 * Returns whether the process is shutting down, so a failure is reported as a stop.
	 */
	boolean requested() {
		return this.requested;
	}

	/**
	 * Records what the run ended with, for the hook to log.
	 */
	void outcome(String outcome) {
		this.outcome = outcome;
	}

	/**
	 * The run is over: lets a waiting hook go on, and unregisters it otherwise.
	 */
	@Override
	public void close() {
		this.finished.countDown();
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down already; the hook runs (or ran) and reports.
		}
	}

	private void cancelAndReport() {
		this.requested = true;
		logger.warn("Shutdown requested during '{}': cancelling the running statement", this.operation);
		for (Statement statement : this.statements) {
			try {
				if (!statement.isClosed()) {
					statement.cancel();
				}
			}
			catch (SQLException ex) {
				logger.warn("Could not cancel a statement of '{}': {}", this.operation, ex.getMessage());
			}
		}
		// Ends a wait for the lock, which polls with sleeps and would otherwise outlast the hook.
		this.run.interrupt();
		boolean ended = false;
		try {
			ended = this.finished.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		String report = this.outcome;
		logger.warn("'{}' stopped by shutdown: {}", this.operation, (ended && report != null) ? report
				: "the run did not end within " + REPORT_WAIT_SECONDS + " s; run 'status' to see what is applied");
	}

	private static boolean isClosed(Statement statement) {
		try {
			return statement.isClosed();
		}
		catch (SQLException ex) {
			return true;
		}
	}

}
