package io.athanor.orm;

import java.sql.SQLException;
import java.util.List;

/**
 * The connection to the database broke while in use (SQLAlchemy's {@code DBAPIError} with
 * {@code connection_invalidated}): the server ended the session (restart, an administrator's
 * {@code pg_terminate_backend} or {@code KILL}, a timeout for idle connections), or the network path
 * failed. Code {@code ATH-E097}.
 *
 * <p>The database rolls back the transaction of a connection it loses, so none of the transaction's
 * uncommitted work was kept; an error during {@code COMMIT} itself is the exception, as its outcome is
 * unknown (the message says so). The connection cannot be used again: roll back (which a lost
 * connection allows without a round trip) and run the transaction again; the engine's pool replaces the
 * connection, and discards its other idle connections too, in case the database restarted.
 */
public class ConnectionLostException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a driver error.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param sql the statement that failed, or {@code null}
     * @param parameters the parameters as rendered for the message
     * @param cause the driver's exception
     */
    public ConnectionLostException(String code, String message, String sql, List<String> parameters,
                                   SQLException cause) {
        super(code, message, sql, parameters, cause);
    }
}
