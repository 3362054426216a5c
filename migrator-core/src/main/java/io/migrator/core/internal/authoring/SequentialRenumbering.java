package io.migrator.core.internal.authoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.migrator.core.ErrorCode;
import io.migrator.core.MigrationAuthoring.Rename;
import io.migrator.core.MigratorException;

/**
 * goose's {@code fix}: gives every timestamp-versioned file the next sequential number
 * after the highest sequential version, in timestamp order. Plans every rename and
 * checks it before touching a file, so a refusal leaves the directory as it was.
 */
final class SequentialRenumbering {

	private final Path directory;

	private final List<VersionedFile> files;

	SequentialRenumbering(Path directory, List<VersionedFile> files) {
		this.directory = directory;
		this.files = files;
	}

	List<Rename> apply() {
		List<Rename> plan = plan();
		for (Rename rename : plan) {
			move(rename);
		}
		return plan;
	}

	private List<Rename> plan() {
		TreeMap<Long, List<VersionedFile>> timestamped = new TreeMap<>();
		List<VersionedFile> sequential = new ArrayList<>();
		for (VersionedFile file : this.files) {
			if (file.isTimestamp()) {
				timestamped.computeIfAbsent(file.version(), (version) -> new ArrayList<>()).add(file);
			}
			else {
				sequential.add(file);
			}
		}
		String next = DefaultMigrationAuthoring.nextSequential(sequential);
		long nextVersion = Long.parseLong(next);
		int width = next.length();
		List<Rename> plan = new ArrayList<>();
		Set<Path> sources = new HashSet<>();
		Map<Path, VersionedFile> targets = new HashMap<>();
		for (List<VersionedFile> group : timestamped.values()) {
			requireOneMigration(group);
			String digits = DefaultMigrationAuthoring.pad(nextVersion, width);
			for (VersionedFile file : group) {
				Path target = this.directory.resolve(file.withVersion(digits));
				VersionedFile other = targets.put(target, file);
				if (other != null) {
					throw collision("both " + other.fileName() + " and " + file.fileName() + " would become "
							+ target.getFileName());
				}
				plan.add(new Rename(file.path(), target, file.version(), nextVersion));
				sources.add(file.path());
			}
			nextVersion++;
		}
		for (Rename rename : plan) {
			if (Files.exists(rename.to()) && !sources.contains(rename.to())) {
				throw collision(rename.from().getFileName() + " would become " + rename.to().getFileName()
						+ ", which already exists");
			}
		}
		return plan;
	}

	private void requireOneMigration(List<VersionedFile> group) {
		VersionedFile first = group.get(0);
		for (VersionedFile file : group) {
			if (!file.migrationName().equals(first.migrationName()) || (file.java() != first.java())) {
				throw collision("version " + first.version() + " belongs to two migrations, " + first.fileName()
						+ " and " + file.fileName() + ", which would get one sequential version");
			}
		}
	}

	private MigratorException collision(String detail) {
		return new MigratorException(ErrorCode.DUPLICATE_VERSION, "Cannot fix " + this.directory + ": " + detail
				+ ". Nothing was renamed. Give one of them another version, then run fix again.");
	}

	private static void move(Rename rename) {
		try {
			VersionedFile from = VersionedFile.parse(rename.from()).orElseThrow();
			if (from.java()) {
				VersionedFile to = VersionedFile.parse(rename.to()).orElseThrow();
				String source = Files.readString(rename.from(), StandardCharsets.UTF_8);
				String renamed = Pattern.compile("\\b" + Pattern.quote(from.className()) + "\\b")
					.matcher(source)
					.replaceAll(Matcher.quoteReplacement(to.className()));
				Files.writeString(rename.to(), renamed, StandardCharsets.UTF_8);
				Files.delete(rename.from());
			}
			else {
				Files.move(rename.from(), rename.to());
			}
		}
		catch (IOException ex) {
			throw new MigratorException(ErrorCode.AUTHORING_FAILED, "Cannot rename " + rename.from() + " to "
					+ rename.to() + " (" + ex + "). Check that the user may write to the directory; files renamed "
					+ "before this one keep their new names, so run fix again once it can.", ex);
		}
	}

}
