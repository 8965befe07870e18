package io.athanor.orm;

/**
 * The root of every exception Athanor raises. All are unchecked.
 *
 * <p>Every message starts with a stable code such as {@code [ATH-E001]}; {@code docs/errors.md}
 * explains each code: why it happens and how to fix it. Catch a subclass to react to one kind of
 * failure, or this class to react to all of them.
 */
public class OrmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * Creates an exception whose message starts with {@code [code]}.
     *
     * @param code the stable error code, e.g. {@code ATH-E001}
     * @param message what failed, on which object, and what to do next
     */
    public OrmException(String code, String message) {
        this(code, message, null);
    }

    /**
     * Creates an exception whose message starts with {@code [code]}, caused by {@code cause}.
     *
     * @param code the stable error code, e.g. {@code ATH-E001}
     * @param message what failed, on which object, and what to do next
     * @param cause the underlying failure, or {@code null}
     */
    public OrmException(String code, String message, Throwable cause) {
        super("[" + code + "] " + message, cause);
        this.code = code;
    }

    /** The stable error code of this failure, e.g. {@code ATH-E001}; see {@code docs/errors.md}. */
    public String code() {
        return code;
    }
}
