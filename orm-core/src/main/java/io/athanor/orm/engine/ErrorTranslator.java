package io.athanor.orm.engine;

import io.athanor.orm.IntegrityException;
import io.athanor.orm.OrmException;

import java.sql.SQLException;
import java.util.List;

/** Builds the message and the exception for a driver error, using the dialect's classification. */
final class ErrorTranslator {

    private final DefaultDialect dialect;

    ErrorTranslator(DefaultDialect dialect) {
        this.dialect = dialect;
    }

    OrmException translate(SQLException error, String sql, List<String> parameters) {
        String where = sql == null ? "" : "; SQL [" + sql + "]; parameters " + parameters;
        IntegrityException.Kind kind = dialect.integrityKind(error);
        if (kind != null) {
            String constraint = dialect.constraintName(error, kind);
            String message = describe(kind, constraint) + ": " + driverMessage(error) + where
                    + " (SQLState " + error.getSQLState() + ", " + dialect.name() + " code " + error.getErrorCode()
                    + "). " + advice(kind) + " Roll back the transaction before using it again.";
            return new IntegrityException("ATH-E030", message, sql, parameters, error, kind, constraint);
        }
        String message = "The database refused the statement: " + driverMessage(error) + where
                + " (SQLState " + error.getSQLState() + ", " + dialect.name() + " code " + error.getErrorCode()
                + "). Check the SQL and its parameters; roll back the transaction before using it again.";
        return dialect.genericError(message, sql, parameters, error);
    }

    private static String describe(IntegrityException.Kind kind, String constraint) {
        String named = constraint == null ? "" : " '" + constraint + "'";
        switch (kind) {
            case UNIQUE:
                return "Unique constraint" + named + " violated";
            case NOT_NULL:
                return "NOT NULL constraint violated" + (constraint == null ? "" : " on column '" + constraint + "'");
            case FOREIGN_KEY:
                return "Foreign key constraint" + named + " violated";
            case CHECK:
                return "Check constraint" + named + " violated";
            default:
                return "Integrity constraint" + named + " violated";
        }
    }

    private static String advice(IntegrityException.Kind kind) {
        switch (kind) {
            case UNIQUE:
                return "A row with the same key already exists: use another value, or update the existing row.";
            case NOT_NULL:
                return "Give the column a value.";
            case FOREIGN_KEY:
                return "The referenced row must exist first, and a row cannot be deleted while others refer to it.";
            case CHECK:
                return "The value breaks the table's check: correct the value.";
            default:
                return "The change breaks a constraint of the table.";
        }
    }

    private static String driverMessage(SQLException error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : message.strip();
    }
}
