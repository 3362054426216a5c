package io.migrator.core.internal.execute;

import java.sql.SQLException;

/**
 * Turns a database error at a point of a migration into a {@link StatementFailedException}.
 */
final class Failures {

	private Failures() {
	}

	static StatementFailedException of(ExecutionPoint point, SQLException ex, int committedStatements,
			boolean commitUncertain) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
		return new StatementFailedException(point, ex.getSQLState(), message, committedStatements,
				ConnectionLoss.isLost(ex), commitUncertain, ex);
	}

}
