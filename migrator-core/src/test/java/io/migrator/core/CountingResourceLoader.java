package io.migrator.core;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Serves the files below a directory as class-path resources under URLs of its own
 * {@code counting:} protocol, and records every resource it opens. Like the resources of a
 * native image, they cannot be listed: only names known in advance can be found.
 */
final class CountingResourceLoader extends ClassLoader {

	private final Path root;

	private final List<String> opened = Collections.synchronizedList(new ArrayList<>());

	private final URLStreamHandler handler = new URLStreamHandler() {

		@Override
		protected URLConnection openConnection(URL url) throws IOException {
			String name = url.getPath().substring(1);
			CountingResourceLoader.this.opened.add(name);
			return CountingResourceLoader.this.root.resolve(name).toUri().toURL().openConnection();
		}

	};

	CountingResourceLoader(Path root) {
		super(null);
		this.root = root;
	}

	@Override
	protected URL findResource(String name) {
		if (!Files.exists(this.root.resolve(name))) {
			return null;
		}
		try {
			return new URL("counting", null, -1, "/" + name, this.handler);
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	protected Enumeration<URL> findResources(String name) {
		URL url = findResource(name);
		return Collections.enumeration((url != null) ? List.of(url) : List.of());
	}

	/**
	 * Returns the resources opened since the last call, in order, and forgets them.
	 * @return the resource names
	 */
	List<String> takeOpened() {
		synchronized (this.opened) {
			List<String> names = List.copyOf(this.opened);
			this.opened.clear();
			return names;
		}
	}

}
