package io.migrator.boot.autoconfigure;

/**
 * Ends the process after a successful migration job ({@code migrator.mode=job}). The
 * default calls {@link System#exit(int)}; define a bean of this type to do something else
 * (for example in tests).
 */
@FunctionalInterface
public interface MigratorJobExitHandler {

	/**
	 * Ends the process.
	 * @param status the exit status, 0 when every migration was applied
	 */
	void exit(int status);

}
