package io.migrator.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.migrator.testsupport.TestDatabase;

/**
 * The packaged sample jar running in a child JVM, as a user runs it with {@code java -jar}.
 */
final class PackagedApp implements AutoCloseable {

	private static final Path JAR = Path.of("target", "migrator-sample-app.jar");

	private final Process process;

	private final Path log;

	private final int port;

	private PackagedApp(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	static PackagedApp start(Path workDirectory, String... arguments) {
		return start(workDirectory, List.of(), arguments);
	}

	/**
	 * Starts the jar with the AOT-generated application context ({@code -Dspring.aot.enabled=true}),
	 * as a native image or an AOT-optimised JVM deployment runs it.
	 */
	static PackagedApp startWithAot(Path workDirectory, String... arguments) {
		return start(workDirectory, List.of("-Dspring.aot.enabled=true"), arguments);
	}

	private static PackagedApp start(Path workDirectory, List<String> jvmOptions, String... arguments) {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " does not exist: run 'mvn verify' (the jar is "
					+ "built in the package phase, before these tests)");
		}
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(javaBinary());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", JAR.toAbsolutePath().toString(), "--server.port=" + port));
		command.addAll(List.of(arguments));
		Path log = workDirectory.resolve("app-" + port + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		// The child must see only the configuration a test passes on its command line.
		builder.environment().keySet().removeIf((name) -> name.startsWith("SPRING_") || name.startsWith("MIGRATOR_"));
		try {
			return new PackagedApp(builder.start(), log, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits until the app answers HTTP, failing with its output when it exits first.
	 */
	void awaitHttp(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("The app exited with " + this.process.exitValue() + ":\n" + output());
			}
			if (isListening()) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("The app did not answer on port " + this.port + " within " + timeout + ":\n"
				+ output());
	}

	/**
	 * Waits for the process to exit by itself.
	 * @return its exit code
	 */
	int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("The app did not exit within " + timeout + ":\n" + output());
		}
		return this.process.exitValue();
	}

	boolean isListening() {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	Response get(String path) throws IOException {
		return send("GET", path, null);
	}

	Response post(String path, String json) throws IOException {
		return send("POST", path, json);
	}

	private Response send(String method, String path, String json) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + this.port + path)
			.toURL()
			.openConnection();
		connection.setRequestMethod(method);
		if (json != null) {
			connection.setDoOutput(true);
			connection.setRequestProperty("Content-Type", "application/json");
			connection.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
		}
		int status = connection.getResponseCode();
		var body = (status < 400) ? connection.getInputStream() : connection.getErrorStream();
		return new Response(status, (body != null) ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "");
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	record Response(int status, String body) {
	}

	/**
	 * Returns the arguments that point the app at a test database.
	 */
	static String[] datasource(TestDatabase database) {
		return new String[] { "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password() };
	}

	/**
	 * Returns the arguments of {@code first} followed by {@code more}.
	 */
	static String[] with(String[] first, String... more) {
		String[] all = new String[first.length + more.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

}
