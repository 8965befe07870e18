package io.athanor.orm;

/**
 * A query that had to return exactly one row returned none (SQLAlchemy's {@code NoResultFound}).
 *
 * <p>Raised by {@code one()}; use {@code oneOrNull()} or {@code first()} when no row is a normal outcome.
 */
public class NoResultFoundException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     */
    public NoResultFoundException(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param cause the underlying failure
     */
    public NoResultFoundException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
