package io.migrator.core.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import io.migrator.core.UnreadableSourceException;

/**
 * A file found in a location: on the file system or inside a jar (plain or nested).
 */
public sealed interface ResourceFile permits ResourceFile.OnFileSystem, ResourceFile.AtUrl, ResourceFile.Indexed {

	/**
	 * Returns the name shown to users: the location-relative path, e.g.
	 * {@code db/migrations/00001_init.sql}.
	 * @return the display name
	 */
	String name();

	/**
	 * Returns the file name without directories.
	 * @return the file name
	 */
	default String fileName() {
		String name = name();
		return name.substring(name.lastIndexOf('/') + 1);
	}

	/**
	 * Opens the file's bytes.
	 * @return a new stream; the caller closes it
	 * @throws UnreadableSourceException when the file cannot be opened
	 */
	InputStream open();

	/**
	 * Describes a failure to read this file, with what to check for where it lives.
	 * @param cause the failure
	 * @return the exception to throw
	 */
	UnreadableSourceException unreadable(IOException cause);

	/**
	 * A file on the file system.
	 *
	 * @param name the display name
	 * @param path the path
	 */
	record OnFileSystem(String name, Path path) implements ResourceFile {

		@Override
		public InputStream open() {
			try {
				return Files.newInputStream(this.path);
			}
			catch (IOException ex) {
				throw unreadable(ex);
			}
		}

		@Override
		public UnreadableSourceException unreadable(IOException cause) {
			return new UnreadableSourceException(this.name, 0, "cannot be read", cause,
					"Check that the file exists and that the user that runs migrator may read it");
		}

	}

	/**
	 * A file addressed by URL, e.g. an entry of a jar.
	 *
	 * @param name the display name
	 * @param url the URL
	 */
	record AtUrl(String name, URL url) implements ResourceFile {

		@Override
		public InputStream open() {
			try {
				return this.url.openStream();
			}
			catch (IOException ex) {
				throw unreadable(ex);
			}
		}

		@Override
		public UnreadableSourceException unreadable(IOException cause) {
			return new UnreadableSourceException(this.name, 0, "cannot be read", cause,
					"Check that " + this.url + " is still on the class path and readable");
		}

	}

	/**
	 * A file listed in a location's {@link MigrationIndex}: known without listing or
	 * reading anything but the index.
	 *
	 * @param name the display name
	 * @param indexUrl the index's URL, whose handler serves the file too
	 * @param url the file's URL as text; resolved only when the file is opened, because a
	 * no-op start of 10,000 indexed files opens none of them
	 * @param entry what the index says about the file
	 * @param indexName the display name of the index, for messages
	 */
	record Indexed(String name, URL indexUrl, String url, MigrationIndex.Entry entry, String indexName)
			implements ResourceFile {

		@Override
		public InputStream open() {
			try {
				return new URL(this.indexUrl, this.url).openStream();
			}
			catch (IOException ex) {
				throw unreadable(ex);
			}
		}

		@Override
		public UnreadableSourceException unreadable(IOException cause) {
			return new UnreadableSourceException(this.name, 0, "cannot be read", cause,
					this.indexName + " lists it; rebuild the artifact if the file was removed");
		}

	}

}
