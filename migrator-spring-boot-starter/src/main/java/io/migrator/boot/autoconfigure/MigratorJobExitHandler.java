package io.migrator.boot.autoconfigure;

/**
 * Ends the process after a migration job ({@code migrator.mode=job}) closed the
 * application context. The default calls {@link System#exit(int)}; define a bean of this
 * type to do something else (for example in tests). When the handler returns, the start
 * of the closed context is abandoned with an exception.
 */
@FunctionalInterface
public interface MigratorJobExitHandler {

	/**
	 * Ends the process.
	 * @param status the exit status: 0 when every migration was applied, 1 when the job
	 * failed (or what an {@code ExitCodeGenerator} bean says)
	 */
	void exit(int status);

}
