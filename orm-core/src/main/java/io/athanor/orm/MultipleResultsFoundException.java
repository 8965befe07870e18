package io.athanor.orm;

/**
 * A query that had to return at most one row returned more (SQLAlchemy's {@code MultipleResultsFound}).
 *
 * <p>Raised by {@code one()} and {@code oneOrNull()}; narrow the criteria, or use {@code first()} when any
 * row will do.
 */
public class MultipleResultsFoundException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     */
    public MultipleResultsFoundException(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param cause the underlying failure
     */
    public MultipleResultsFoundException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
