package io.athanor.orm;

import java.sql.SQLException;
import java.util.List;

/**
 * A statement could not get a row or table lock in time because another transaction held it: the wait
 * exceeded the lock timeout (PostgreSQL's {@code lock_timeout}, MariaDB's {@code innodb_lock_wait_timeout},
 * H2's {@code LOCK_TIMEOUT}), or the statement asked not to wait ({@code NOWAIT}). Code {@code ATH-E101}.
 *
 * <p>Nothing is wrong with the statement: rolling back and running the transaction again usually
 * succeeds once the other transaction has ended.
 */
public class LockTimeoutException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a driver error.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param sql the statement that waited
     * @param parameters the parameters as rendered for the message
     * @param cause the driver's exception
     */
    public LockTimeoutException(String code, String message, String sql, List<String> parameters,
                                SQLException cause) {
        super(code, message, sql, parameters, cause);
    }
}
