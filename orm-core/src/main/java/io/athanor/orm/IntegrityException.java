package io.athanor.orm;

import java.sql.SQLException;
import java.util.List;

/**
 * A constraint of the database refused a change (SQLAlchemy's {@code IntegrityError}): a unique or
 * primary key, a NOT NULL column, a foreign key or a check constraint.
 *
 * <p>Besides the SQL and SQLState of {@link DatabaseException}, it says which {@link Kind} of
 * constraint failed and, where the driver reports it, the constraint's name. The transaction the
 * statement ran in must be rolled back before it can be used again on most databases.
 */
public class IntegrityException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /** The kind of constraint that was violated. */
    public enum Kind {
        /** A unique constraint, unique index or primary key. */
        UNIQUE,
        /** A NOT NULL column received a null. */
        NOT_NULL,
        /** A foreign key: the referenced row is missing, or referencing rows remain. */
        FOREIGN_KEY,
        /** A CHECK constraint. */
        CHECK,
        /** A constraint the driver did not classify further (SQLState class 23). */
        OTHER
    }

    private final Kind kind;
    private final String constraintName;

    /**
     * Creates the exception.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param sql the statement that failed
     * @param parameters the parameters as rendered for the message
     * @param cause the driver's exception
     * @param kind the kind of constraint
     * @param constraintName the constraint's name as the database reported it, or {@code null}
     */
    public IntegrityException(String code, String message, String sql, List<String> parameters,
                              SQLException cause, Kind kind, String constraintName) {
        super(code, message, sql, parameters, cause);
        this.kind = kind;
        this.constraintName = constraintName;
    }

    /** Which kind of constraint was violated. */
    public Kind kind() {
        return kind;
    }

    /**
     * The name of the violated constraint (or, for NOT NULL, of the column) as the database reported
     * it, or {@code null} when the driver does not say.
     */
    public String constraintName() {
        return constraintName;
    }
}
