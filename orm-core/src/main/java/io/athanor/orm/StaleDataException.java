package io.athanor.orm;

/**
 * A row changed underneath the session: an UPDATE or DELETE matched fewer rows than expected
 * (SQLAlchemy's {@code StaleDataError}), typically an optimistic-lock conflict on a {@code @Version}
 * column. Reload the object and apply the change again.
 */
public class StaleDataException extends OrmException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     */
    public StaleDataException(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param cause the underlying failure
     */
    public StaleDataException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
