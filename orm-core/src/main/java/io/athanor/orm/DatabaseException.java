package io.athanor.orm;

import java.sql.SQLException;
import java.util.List;

/**
 * The database driver reported an error that has no more specific Athanor exception (SQLAlchemy's
 * {@code DBAPIError}).
 *
 * <p>Carries the SQL that failed and its parameters (rendered as {@code ***} unless the engine runs
 * with {@code echo}, so that secrets do not end up in logs), the SQLState and the vendor error code.
 * The driver's exception is the cause.
 */
public class DatabaseException extends OrmException {

    private static final long serialVersionUID = 1L;

    private final String sql;
    private final List<String> parameters;
    private final String sqlState;
    private final int vendorCode;

    /**
     * Creates the exception from a driver error.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param sql the statement that failed, or {@code null} when none was running
     * @param parameters the parameters as rendered for the message (possibly masked)
     * @param cause the driver's exception
     */
    public DatabaseException(String code, String message, String sql, List<String> parameters,
                             SQLException cause) {
        super(code, message, cause);
        this.sql = sql;
        this.parameters = parameters == null ? List.of() : List.copyOf(parameters);
        this.sqlState = cause == null ? null : cause.getSQLState();
        this.vendorCode = cause == null ? 0 : cause.getErrorCode();
    }

    /** The SQL statement that failed, or {@code null} when the failure was not caused by one. */
    public String sql() {
        return sql;
    }

    /** The statement's parameters as rendered in the message ({@code ***} when masked). */
    public List<String> parameters() {
        return parameters;
    }

    /** The SQLState the driver reported, e.g. {@code 23505}, or {@code null}. */
    public String sqlState() {
        return sqlState;
    }

    /** The vendor-specific error code the driver reported (e.g. MariaDB's {@code 1062}), or 0. */
    public int vendorCode() {
        return vendorCode;
    }
}
