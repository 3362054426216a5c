package io.migrator.boot.autoconfigure;

import io.migrator.boot.autoconfigure.MigratorProperties.Mode;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorException;
import io.migrator.core.RunResult;
import io.migrator.core.ValidationResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * Runs the startup {@link Mode} of a {@link Migrator} when the bean is initialized. Beans
 * that need an initialized database (JPA, JdbcTemplate, jOOQ, ...) depend on it, so it
 * runs before they are created and before the web server starts.
 */
public class MigratorInitializer implements InitializingBean, Ordered {

	private static final Log logger = LogFactory.getLog(MigratorInitializer.class);

	private final Migrator migrator;

	private final Mode mode;

	private int order;

	/**
	 * Creates an initializer.
	 * @param migrator the migrator to run
	 * @param mode what to do
	 */
	public MigratorInitializer(Migrator migrator, Mode mode) {
		Assert.notNull(migrator, "'migrator' must not be null");
		Assert.notNull(mode, "'mode' must not be null");
		this.migrator = migrator;
		this.mode = mode;
	}

	@Override
	public void afterPropertiesSet() {
		switch (this.mode) {
			case APPLY -> apply();
			case JOB -> applyAsJob();
			case VALIDATE -> requireSchemaApplied();
			case NONE -> logger.debug("migrator.mode=none: not running migrations at startup");
		}
	}

	private void apply() {
		RunResult result = this.migrator.up();
		if (result.migrations().isEmpty()) {
			logger.info("Schema is up to date at version " + result.versionAfter());
		}
		else {
			logger.info("Applied " + result.migrations().size() + " migration(s), version " + result.versionBefore()
					+ " -> " + result.versionAfter() + " in " + result.duration().toMillis() + " ms");
		}
	}

	private void applyAsJob() {
		try {
			apply();
		}
		catch (MigratorException ex) {
			throw new MigratorJobFailedException(ex);
		}
	}

	private void requireSchemaApplied() {
		ValidationResult result = this.migrator.check();
		if (!result.isValid()) {
			throw new SchemaNotAppliedException(result);
		}
		logger.info("Schema is fully applied (migrator.mode=validate)");
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
