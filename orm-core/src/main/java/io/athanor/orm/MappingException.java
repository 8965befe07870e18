package io.athanor.orm;

/**
 * A class or table mapping is wrong. Raised when the {@code Registry} is built, naming the class and the
 * field to fix, so a bad mapping stops the application at start-up rather than at first use.
 */
public class MappingException extends ArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     */
    public MappingException(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param cause the underlying failure
     */
    public MappingException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
