package io.athanor.orm;

/**
 * An argument is invalid in itself, whatever the state (SQLAlchemy's {@code ArgumentError}).
 *
 * <p>Examples: an unknown setting on an Engine builder, a bind parameter that the statement does not
 * declare, a table definition that names a column twice. The message names the argument to fix.
 */
public class ArgumentException extends OrmException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     */
    public ArgumentException(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param cause the underlying failure
     */
    public ArgumentException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
