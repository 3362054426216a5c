package io.migrator.core.internal.execute;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection a transactional Java migration gets: the run's own, except that it
 * refuses to end or leave the transaction migrator manages. A {@code commit()} there would
 * commit the migration without its history row, and in a dry-run would commit everything
 * tried so far.
 */
final class ManagedTransactionConnection {

	private ManagedTransactionConnection() {
	}

	static Connection of(Connection connection) {
		return (Connection) Proxy.newProxyInstance(connection.getClass().getClassLoader(),
				ConnectionInterfaces.of(connection), (proxy, method, args) -> {
					if (endsTransaction(method)) {
						throw new SQLException("Connection." + method.getName() + "() is not allowed in a "
								+ "transactional migration: migrator commits the migration together with its history "
								+ "row. Leave the transaction to migrator (savepoints are fine), or make the migration "
								+ "non-transactional (JavaMigration.transactional() returning false)");
					}
					try {
						return method.invoke(connection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	private static boolean endsTransaction(Method method) {
		return switch (method.getName()) {
			case "commit", "setAutoCommit", "close", "abort" -> true;
			// rollback(Savepoint) stays allowed.
			case "rollback" -> method.getParameterCount() == 0;
			default -> false;
		};
	}

}
