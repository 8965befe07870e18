package io.athanor.orm;

import java.sql.SQLException;
import java.util.List;

/**
 * The database cancelled a statement before it finished: it ran longer than a statement timeout
 * ({@code EngineBuilder.statementTimeout(..)}, PostgreSQL's {@code statement_timeout}, MariaDB's
 * {@code max_statement_time}, H2's {@code QUERY_TIMEOUT}), or it was cancelled on purpose. Code
 * {@code ATH-E100}.
 *
 * <p>The connection stays usable, but on PostgreSQL the transaction is aborted: roll it back before
 * using it again, as for any database error.
 */
public class QueryTimeoutException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a driver error.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param sql the statement that was cancelled
     * @param parameters the parameters as rendered for the message
     * @param cause the driver's exception
     */
    public QueryTimeoutException(String code, String message, String sql, List<String> parameters,
                                 SQLException cause) {
        super(code, message, sql, parameters, cause);
    }
}
