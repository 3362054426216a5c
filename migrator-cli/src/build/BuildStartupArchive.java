import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Run by {@code mvn package} (exec-maven-plugin, after the shaded jar exists) with the JDK's
 * single-file launcher: {@code java src/build/BuildStartupArchive.java target}. Needs
 * nothing but the JDK and the jar: no database, no network service.
 * <ol>
 * <li>Runs a few representative commands with {@code -XX:DumpLoadedClassList}: the JDK
 * classes and lambda forms a command needs. {@code status} runs against a port nothing
 * listens on, so it goes through option parsing, source scanning, the driver's connect
 * path and the error report without a database.</li>
 * <li>Adds every class of migrator, picocli, pgjdbc and slf4j from the jar, so the classes
 * of a successful connection and query are archived too although training never had a
 * database.</li>
 * <li>Writes that list as {@code target/migrator.classlist} (shipped in the distribution,
 * whose launcher dumps an archive for its own location on first use: a CDS archive is
 * only valid for the jar path it was dumped with) and dumps {@code target/migrator.jsa}
 * for {@code target/migrator.jar}, used by the launcher {@code target/migrator}.</li>
 * </ol>
 */
public final class BuildStartupArchive {

	private static final List<String> ARCHIVED_PACKAGES = List.of("io/migrator/", "picocli/", "org/postgresql/",
			"org/slf4j/");

	public static void main(String[] args) throws Exception {
		Path target = Path.of(args[0]).toAbsolutePath();
		Path jar = target.resolve("migrator.jar").toRealPath();
		Path work = Files.createDirectories(target.resolve("startup-archive"));
		Path migrations = Files.createDirectories(work.resolve("migrations"));
		Files.writeString(migrations.resolve("00001_training.sql"),
				"-- +goose Up\nCREATE TABLE training (id int);\n-- +goose Down\nDROP TABLE training;\n");
		Files.writeString(migrations.resolve("00002_training.up.sql"), "SELECT 1;\n");
		String unreachable = "jdbc:postgresql://127.0.0.1:1/startup-training?connectTimeout=2";
		List<List<String>> commands = List.of(
				List.of("status", "--url", unreachable, "--dir", migrations.toString()),
				List.of("up", "--json", "--url", unreachable, "--dir", migrations.toString()),
				List.of("create", "training", "--dir", work.resolve("created").toString()),
				List.of("--help"));
		Set<String> classes = new LinkedHashSet<>();
		for (int i = 0; i < commands.size(); i++) {
			Path list = work.resolve("training-" + i + ".classlist");
			List<String> command = new ArrayList<>(List.of(java(), "-XX:DumpLoadedClassList=" + list, "-jar",
					jar.toString()));
			command.addAll(commands.get(i));
			run(command, work.resolve("training-" + i + ".log"), false);
			for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
				if (!line.isBlank() && !line.startsWith("#")) {
					classes.add(line);
				}
			}
		}
		try (JarFile jarFile = new JarFile(jar.toFile())) {
			Enumeration<JarEntry> entries = jarFile.entries();
			while (entries.hasMoreElements()) {
				String name = entries.nextElement().getName();
				if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")
						&& ARCHIVED_PACKAGES.stream().anyMatch(name::startsWith)) {
					classes.add(name.substring(0, name.length() - ".class".length()));
				}
			}
		}
		Path classList = target.resolve("migrator.classlist");
		Files.write(classList, classes, StandardCharsets.UTF_8);
		Path archive = target.resolve("migrator.jsa");
		Files.deleteIfExists(archive);
		run(List.of(java(), "-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive,
				"-cp", jar.toString()), work.resolve("dump.log"), true);
		if (!Files.isRegularFile(archive)) {
			throw new IllegalStateException("The JVM did not write " + archive + ": see " + work.resolve("dump.log"));
		}
		// The launcher reuses an archive only for the jar it was dumped with.
		Files.writeString(target.resolve("migrator.jsa.jar"), jar + "\n", StandardCharsets.UTF_8);
		Path launcher = target.resolve("migrator");
		Files.copy(Path.of("src/main/dist/bin/migrator"), launcher, StandardCopyOption.REPLACE_EXISTING);
		try {
			Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system (Windows): the launcher is a POSIX shell script anyway.
		}
		System.out.println("Start-up archive: " + archive + " (" + classes.size() + " classes listed), launcher: "
				+ launcher);
	}

	private static void run(List<String> command, Path log, boolean mustSucceed) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("Timed out: " + command + "; see " + log);
		}
		if (mustSucceed && process.exitValue() != 0) {
			throw new IllegalStateException("Failed with exit code " + process.exitValue() + ": " + command + "; see "
					+ log + ":\n" + Files.readString(log));
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
