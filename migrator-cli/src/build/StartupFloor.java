import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The floor under the CLI's start-up: the least work {@code migrator status} has to do, in
 * a plain program with nothing of migrator, picocli or slf4j: list and hash the migration
 * files, open one PgJDBC connection, read the history table, print a line.
 * {@code measure-startup.sh} compiles it against the CLI jar (for the driver) and runs it
 * with the launcher's JVM flags and a CDS archive of its own, so that what the launcher
 * costs above it is what migrator adds, and what it costs above {@code java -version} is
 * the JVM's and the driver's.
 */
public final class StartupFloor {

	public static void main(String[] args) throws Exception {
		String url = args[0];
		String user = args[1];
		Path directory = Path.of(args[2]);
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			entries.forEach(files::add);
		}
		Collections.sort(files);
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		for (Path file : files) {
			digest.digest(Files.readAllBytes(file));
		}
		int rows = 0;
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement();
				ResultSet history = statement
					.executeQuery("SELECT version, description, checksum, applied_at FROM migrator_history ORDER BY version")) {
			while (history.next()) {
				history.getLong(1);
				history.getString(2);
				history.getString(3);
				history.getString(4);
				rows++;
			}
		}
		System.out.println(files.size() + " files, " + rows + " applied");
	}

}
