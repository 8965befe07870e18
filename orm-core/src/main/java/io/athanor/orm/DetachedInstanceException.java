package io.athanor.orm;

/**
 * An attribute had to be loaded from the database, but the object is no longer attached to an open
 * session (SQLAlchemy's {@code DetachedInstanceError}). Load what you need before the session closes,
 * or attach the object to a session again.
 */
public class DetachedInstanceException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     */
    public DetachedInstanceException(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param cause the underlying failure
     */
    public DetachedInstanceException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
