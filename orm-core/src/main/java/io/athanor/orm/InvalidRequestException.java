package io.athanor.orm;

/**
 * The API was used in a way the current state does not allow (SQLAlchemy's {@code InvalidRequestError}).
 *
 * <p>Examples: using a closed connection, reading a result that was already consumed, adding an object
 * that belongs to another open session. The message says what state was wrong and what to do.
 */
public class InvalidRequestException extends OrmException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     */
    public InvalidRequestException(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param cause the underlying failure
     */
    public InvalidRequestException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
