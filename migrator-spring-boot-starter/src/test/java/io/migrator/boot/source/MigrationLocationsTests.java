package io.migrator.boot.source;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.migrator.boot.source.MigrationLocations.Contents;
import io.migrator.core.Location;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationLocationsTests {

	private static final Location LOCATION = Location.parse("classpath:db/migrations");

	private final AtomicInteger listings = new AtomicInteger();

	@TempDir
	Path root;

	@Test
	void anIndexedLocationIsTrustedWithoutListingIt() throws IOException {
		Path location = write("00001_init.sql");
		Files.writeString(location.resolve("migrator.index"), "migrator-index\tformat=1\tfiles=0\n");
		Contents contents = new MigrationLocations(countingListings()).inspect(LOCATION);
		assertThat(contents.exists()).isTrue();
		assertThat(contents.indexed()).isTrue();
		assertThat(contents.holdsMigrations(false)).isTrue();
		assertThat(this.listings).hasValue(0);
	}

	@Test
	void aLocationWithoutAnIndexIsListedAndItsFilesCounted() throws IOException {
		write("00001_init.sql");
		write("archive/00002_old.sql");
		Contents contents = new MigrationLocations(countingListings()).inspect(LOCATION);
		assertThat(contents.indexed()).isFalse();
		assertThat(contents.direct()).isEqualTo(1);
		assertThat(contents.nested()).isEqualTo(1);
		assertThat(this.listings.get()).isPositive();
	}

	@Test
	void aDirectoryIsEmptyUnlessAFileWhereTheScanLooksIsAMigration() throws IOException {
		write("archive/00002_old.sql");
		Files.writeString(this.root.resolve("db/migrations/README.md"), "notes");
		Location directory = Location.parse("filesystem:" + this.root.resolve("db/migrations"));
		Location missing = Location.parse("filesystem:" + this.root.resolve("nowhere"));
		MigrationLocations locations = new MigrationLocations(getClass().getClassLoader());
		assertThat(locations.empty(List.of(directory, missing), false)).containsExactly(directory, missing);
		assertThat(locations.empty(List.of(directory, missing), true)).containsExactly(missing);
		write("00001_init.sql");
		assertThat(locations.empty(List.of(directory), false)).isEmpty();
	}

	private Path write(String relativePath) throws IOException {
		Path file = this.root.resolve("db/migrations").resolve(relativePath);
		Files.createDirectories(file.getParent());
		Files.writeString(file, "-- +goose Up\nSELECT 1;\n");
		return this.root.resolve("db/migrations");
	}

	private ClassLoader countingListings() throws IOException {
		return new URLClassLoader(new URL[] { this.root.toUri().toURL() }, null) {

			@Override
			public Enumeration<URL> getResources(String name) throws IOException {
				MigrationLocationsTests.this.listings.incrementAndGet();
				return super.getResources(name);
			}

		};
	}

}
