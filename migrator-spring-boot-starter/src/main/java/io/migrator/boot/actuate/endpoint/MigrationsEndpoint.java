package io.migrator.boot.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.migrator.boot.status.MigrationStatusCache;
import io.migrator.core.MigrationInfo;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorException;
import io.migrator.core.StatusReport;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.context.ApplicationContext;

/**
 * {@link Endpoint @Endpoint} listing, for every {@link Migrator} bean, the current
 * version, the number of pending migrations and the state of every migration; and, when
 * enabled, a drift summary ({@link Migrator#drift()}), computed on each call since it
 * replays every applied migration. Read-only for the live schema and history.
 */
@Endpoint(id = "migrations")
public class MigrationsEndpoint {

	private final ApplicationContext context;

	private final MigrationStatusCache statusCache;

	private final boolean drift;

	/**
	 * Creates an endpoint that reports the migrators of the given context, reading their
	 * status on every call.
	 * @param context the application context
	 */
	public MigrationsEndpoint(ApplicationContext context) {
		this(context, new MigrationStatusCache(Duration.ZERO));
	}

	/**
	 * Creates an endpoint that reports the migrators of the given context.
	 * @param context the application context
	 * @param statusCache where to read the status
	 */
	public MigrationsEndpoint(ApplicationContext context, MigrationStatusCache statusCache) {
		this(context, statusCache, false);
	}

	/**
	 * Creates an endpoint that reports the migrators of the given context.
	 * @param context the application context
	 * @param statusCache where to read the status
	 * @param drift whether each call also checks every migrator for drift
	 */
	public MigrationsEndpoint(ApplicationContext context, MigrationStatusCache statusCache, boolean drift) {
		this.context = context;
		this.statusCache = statusCache;
		this.drift = drift;
	}

	/**
	 * Reads the status of every migrator.
	 * @return one descriptor per migrator bean
	 */
	@ReadOperation
	public MigratorsDescriptor migrations() {
		Map<String, MigratorDescriptor> migrators = new LinkedHashMap<>();
		this.context.getBeansOfType(Migrator.class)
			.forEach((name, migrator) -> migrators.put(name,
					MigratorDescriptor.of(this.statusCache.status(migrator), this.drift ? drift(migrator) : null)));
		return new MigratorsDescriptor(migrators);
	}

	private static DriftDescriptor drift(Migrator migrator) {
		try {
			return DriftDescriptor.of(migrator.drift());
		}
		catch (MigratorException ex) {
			// One migrator's failed check must not hide the others' status.
			return DriftDescriptor.failed(ex);
		}
	}

	/**
	 * The application's migrators, by bean name.
	 *
	 * @param migrators one descriptor per migrator bean
	 */
	public record MigratorsDescriptor(Map<String, MigratorDescriptor> migrators) implements OperationResponseBody {

		public MigratorsDescriptor {
			migrators = Map.copyOf(migrators);
		}

	}

	/**
	 * One migrator's status.
	 *
	 * @param currentVersion the highest applied version, 0 when none
	 * @param pendingCount how many versions are not applied yet
	 * @param migrations one entry per version, in version order
	 * @param drift the drift summary, or {@code null} when not enabled
	 */
	public record MigratorDescriptor(long currentVersion, long pendingCount, List<MigrationDescriptor> migrations,
			DriftDescriptor drift) {

		public MigratorDescriptor {
			migrations = List.copyOf(migrations);
		}

		static MigratorDescriptor of(StatusReport status, DriftDescriptor drift) {
			return new MigratorDescriptor(status.currentVersion(), status.pendingCount(),
					status.migrations().stream().map(MigrationDescriptor::of).toList(), drift);
		}

	}

	/**
	 * One migration.
	 *
	 * @param version the version
	 * @param description the description
	 * @param type {@code sql} or {@code java}
	 * @param state {@code applied}, {@code pending}, {@code out_of_order},
	 * {@code incomplete}, {@code modified} or {@code missing}
	 * @param appliedAt when it was applied, or {@code null}
	 * @param executionTime how long it ran in milliseconds, or {@code null}
	 * @param checksum the recorded checksum (else the source's), or {@code null}
	 */
	public record MigrationDescriptor(long version, String description, String type, String state, Instant appliedAt,
			Long executionTime, String checksum) {

		static MigrationDescriptor of(MigrationInfo info) {
			return new MigrationDescriptor(info.version(), info.description(),
					(info.type() != null) ? info.type().id() : null, info.state().id(), info.appliedAt(),
					(info.executionTime() != null) ? info.executionTime().toMillis() : null, info.checksum());
		}

	}

}
