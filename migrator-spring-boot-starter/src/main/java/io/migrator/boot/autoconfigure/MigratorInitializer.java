package io.migrator.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.migrator.boot.autoconfigure.MigratorProperties.Mode;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorException;
import io.migrator.core.ValidationResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * Runs the startup {@link Mode} of every {@link Migrator} bean when this bean is
 * initialized. Beans that need an initialized database (JPA, JdbcTemplate, jOOQ, ...)
 * depend on it, so it runs before they are created and before the web server starts.
 * <p>
 * In job mode it ends the application right after migrating, from inside the context's
 * refresh: the context is closed (pools shut down, the web server never binds) and the
 * {@link MigratorJobExitHandler} ends the process with 0, or with 1 after logging the
 * failure report. Nothing that starts after singletons are created runs: no
 * {@code CommandLineRunner}, no {@code @Scheduled} task, no listener container. This
 * needs no change of the application type, so it works the same under Spring AOT.
 */
public class MigratorInitializer implements InitializingBean, ApplicationContextAware, Ordered {

	private static final Log logger = LogFactory.getLog(MigratorInitializer.class);

	private final Map<String, Migrator> migrators;

	private final Mode mode;

	private final MigratorMigrationStrategy strategy;

	private final MigratorJobExitHandler jobExitHandler;

	private ApplicationContext applicationContext;

	private int order;

	/**
	 * Creates an initializer that applies pending migrations of one migrator in apply and
	 * job mode, exiting the process with {@link System#exit(int)} in job mode.
	 * @param migrator the migrator to run
	 * @param mode what to do
	 */
	public MigratorInitializer(Migrator migrator, Mode mode) {
		this(Map.of("migrator", migrator), mode, Migrator::up, System::exit);
	}

	/**
	 * Creates an initializer.
	 * @param migrators the migrators to run, by bean name, in the order to run them
	 * @param mode what to do
	 * @param strategy what the apply and job modes do with each migrator
	 * @param jobExitHandler how job mode ends the process
	 */
	public MigratorInitializer(Map<String, Migrator> migrators, Mode mode, MigratorMigrationStrategy strategy,
			MigratorJobExitHandler jobExitHandler) {
		Assert.notEmpty(migrators, "'migrators' must not be empty");
		Assert.notNull(mode, "'mode' must not be null");
		Assert.notNull(strategy, "'strategy' must not be null");
		Assert.notNull(jobExitHandler, "'jobExitHandler' must not be null");
		this.migrators = new LinkedHashMap<>(migrators);
		this.mode = mode;
		this.strategy = strategy;
		this.jobExitHandler = jobExitHandler;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.mode != Mode.NONE) {
			this.migrators.forEach((name, migrator) -> MigrationLocationsCheck.check(name, migrator.configuration()));
		}
		switch (this.mode) {
			case APPLY -> this.migrators.forEach(this::migrate);
			case JOB -> runJob();
			case VALIDATE -> this.migrators.forEach(this::requireSchemaApplied);
			case NONE -> logger.debug("migrator.mode=none: not running migrations at startup");
		}
	}

	private void migrate(String name, Migrator migrator) {
		if (this.migrators.size() > 1) {
			logger.info("Migrating with Migrator bean '" + name + "'");
		}
		this.strategy.migrate(migrator);
	}

	private void runJob() {
		RuntimeException failure = null;
		try {
			this.migrators.forEach(this::migrate);
		}
		catch (RuntimeException ex) {
			failure = ex;
			logger.error(jobFailureReport(ex), (ex instanceof MigratorException) ? null : ex);
		}
		int status = (failure != null) ? 1 : 0;
		// Closing the context here destroys what was created so far (pools, an initialized
		// but unbound web server), so the process ends as cleanly as after a normal run.
		int exitStatus = SpringApplication.exit(this.applicationContext, () -> status);
		logger.info("Migration job finished, exiting with status " + exitStatus);
		this.jobExitHandler.exit(exitStatus);
		// Only a handler that does not end the process (e.g. in a test) gets here: stop the
		// start of the closed context.
		if (failure instanceof MigratorException migratorFailure) {
			throw new MigratorJobFailedException(migratorFailure);
		}
		if (failure != null) {
			throw failure;
		}
		throw new SpringApplication.AbandonedRunException();
	}

	private String jobFailureReport(RuntimeException failure) {
		FailureAnalysis analysis = new MigratorFailureAnalyzer().analyze(failure);
		if (analysis == null) {
			return "Migration job failed: " + failure.getMessage();
		}
		String nl = System.lineSeparator();
		return nl + nl + "*********************" + nl + "MIGRATION JOB FAILED" + nl + "*********************" + nl + nl
				+ "Description:" + nl + nl + analysis.getDescription() + nl + nl + "Action:" + nl + nl
				+ analysis.getAction() + nl;
	}

	private void requireSchemaApplied(String name, Migrator migrator) {
		ValidationResult result = migrator.check();
		if (!result.isValid()) {
			throw new SchemaNotAppliedException(result);
		}
		logger.info("Schema is fully applied (migrator.mode=validate)"
				+ ((this.migrators.size() > 1) ? " for Migrator bean '" + name + "'" : ""));
	}

	/**
	 * Returns the mode this initializer runs.
	 * @return the mode
	 */
	public Mode getMode() {
		return this.mode;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * Sets the order of this initializer among other ordered beans.
	 * @param order the order
	 */
	public void setOrder(int order) {
		this.order = order;
	}

}
