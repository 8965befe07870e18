package io.athanor.orm;

import java.sql.SQLException;

/**
 * No connection became free in the engine's pool within its {@code poolTimeout} (SQLAlchemy's
 * {@code TimeoutError}, "QueuePool limit ... reached"). Code {@code ATH-E098}.
 *
 * <p>Usually every connection is held by a session or connection that was not closed, or by a
 * transaction waiting on something slow; the message names the pool, its size and its timeout. The
 * cause is HikariCP's {@code SQLTransientConnectionException}. The operation may simply be tried again
 * once connections are returned.
 */
public class PoolTimeoutException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param cause the pool's exception
     */
    public PoolTimeoutException(String code, String message, SQLException cause) {
        super(code, message, null, null, cause);
    }
}
