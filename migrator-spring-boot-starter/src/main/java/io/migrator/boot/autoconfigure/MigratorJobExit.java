package io.migrator.boot.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Ends a migration job once the application is ready: closes the context and exits with
 * the status Spring Boot computes (0 unless an {@code ExitCodeGenerator} says otherwise).
 * A failed job never gets here: the failed startup exits with
 * {@link MigratorJobFailedException}'s status 1.
 */
class MigratorJobExit implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(MigratorJobExit.class);

	private final MigratorJobExitHandler exitHandler;

	MigratorJobExit(MigratorJobExitHandler exitHandler) {
		this.exitHandler = exitHandler;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		int status = SpringApplication.exit(event.getApplicationContext());
		logger.info("Migration job finished, exiting with status " + status);
		this.exitHandler.exit(status);
	}

}
