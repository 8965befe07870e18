package io.athanor.orm.engine;

import io.athanor.orm.ConnectionLostException;
import io.athanor.orm.IntegrityException;
import io.athanor.orm.LockTimeoutException;
import io.athanor.orm.OrmException;
import io.athanor.orm.QueryTimeoutException;
import io.athanor.orm.TransactionConflictException;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;

/** Builds the message and the exception for a driver error, using the dialect's classification. */
final class ErrorTranslator {

    private final DefaultDialect dialect;

    ErrorTranslator(DefaultDialect dialect) {
        this.dialect = dialect;
    }

    OrmException translate(SQLException error, String sql, List<String> parameters) {
        // Every message shows the statement by one rule: a long one bounded (StatementText), whole in sql().
        String where = StatementText.where(sql, parameters);
        int count = parameters.size();
        IntegrityException.Kind kind = dialect.integrityKind(error);
        if (kind != null) {
            String constraint = dialect.constraintName(error, kind);
            String message = describe(kind, constraint) + ": " + driverMessage(error, sql, count) + where
                    + " (SQLState " + error.getSQLState() + ", " + dialect.name() + " code " + error.getErrorCode()
                    + "). " + advice(kind) + " Roll back the transaction before using it again.";
            return new IntegrityException("ATH-E030", message, sql, parameters, error, kind, constraint);
        }
        SQLException lost = firstInChain(error, dialect::isConnectionLost);
        if (lost != null) {
            return new ConnectionLostException("ATH-E097", "The connection to the database was lost: "
                    + driverMessage(lost, sql, count) + where + codes(lost) + " " + LOST_ADVICE, sql, parameters,
                    lost);
        }
        SQLException lockTimeout = firstInChain(error, dialect::isLockTimeout);
        if (lockTimeout != null) {
            return new LockTimeoutException("ATH-E101", "A lock could not be obtained in time: another transaction"
                    + " holds the row or table, and the wait exceeded " + dialect.lockTimeoutSetting() + " (or the"
                    + " statement asked for NOWAIT): " + driverMessage(lockTimeout, sql, count) + where
                    + codes(lockTimeout)
                    + " Roll back and run the transaction again once the other one has ended; keep transactions that"
                    + " lock rows short, or raise the lock timeout.", sql, parameters, lockTimeout);
        }
        SQLException cancelled = firstInChain(error, dialect::isQueryTimeout);
        if (cancelled != null) {
            return new QueryTimeoutException("ATH-E100", "The statement was cancelled before it finished: it ran"
                    + " longer than its statement timeout (EngineBuilder.statementTimeout(..) or "
                    + dialect.statementTimeoutSetting() + "), or it was cancelled on purpose: "
                    + driverMessage(cancelled, sql, count) + where + codes(cancelled)
                    + " Make the statement faster (an index, fewer rows) or raise the timeout for this work; roll back"
                    + " the transaction before using it again.", sql, parameters, cancelled);
        }
        SQLException conflict = firstInChain(error, ErrorTranslator::isTransactionConflict);
        if (conflict != null) {
            return new TransactionConflictException("ATH-E104", "The database ended the transaction to resolve a"
                    + " conflict with a concurrent one (a deadlock, or a serialization failure): "
                    + driverMessage(conflict, sql, count) + where + codes(conflict)
                    + " None of the transaction's work was kept."
                    + " Roll back and run the whole transaction again: under concurrency this is expected, and a retry"
                    + " usually succeeds. Taking row locks in one order (by primary key, say) makes deadlocks rarer.",
                    sql, parameters, conflict);
        }
        String message = "The database refused the statement: " + driverMessage(error, sql, count) + where
                + codes(error) + " Check the SQL and its parameters; roll back the transaction before using it again.";
        return dialect.genericError(message, sql, parameters, error);
    }

    /** The SQL standard's class 40, "transaction rollback": deadlocks and serialization failures. */
    private static boolean isTransactionConflict(SQLException error) {
        return error.getSQLState() != null && error.getSQLState().startsWith("40");
    }

    private String codes(SQLException error) {
        return " (SQLState " + error.getSQLState() + ", " + dialect.name() + " code " + error.getErrorCode() + ").";
    }

    /** What to do after a connection was lost anywhere but in COMMIT. */
    private static final String LOST_ADVICE = "The database rolls back the transaction of a lost connection, so"
            + " none of the transaction's uncommitted work was kept. Roll back (session.rollback() or"
            + " conn.rollback(); a lost connection allows it) and run the transaction again: the pool replaces the"
            + " connection. If it happens often, check that the database is up and reachable, and its timeouts for"
            + " idle connections.";

    /**
     * The exception for a connection lost during COMMIT: unlike anywhere else, the database may or may not
     * have committed, so the message must not claim a rollback.
     *
     * @param lost the translation of the driver's error
     * @param dialectName the dialect's name, for the message
     * @return the exception to throw
     */
    static ConnectionLostException lostDuringCommit(ConnectionLostException lost, String dialectName) {
        SQLException error = (SQLException) lost.getCause();
        return new ConnectionLostException("ATH-E097", "The connection to the database was lost during COMMIT: "
                + driverMessage(error) + " (SQLState " + error.getSQLState() + ", " + dialectName + " code "
                + error.getErrorCode() + ")."
                + " Whether the transaction was committed is unknown: the database may have committed it before the"
                + " connection broke. Check the data (or make the transaction safe to repeat) before running it"
                + " again; roll back the session or connection to go on (a lost connection allows it): the pool"
                + " replaces the connection.", null, List.of(), error);
    }

    /**
     * The driver's exception, or the first one chained to it, that matches: drivers put the server's own
     * error behind a batch exception ({@code getNextException()}) or make it the cause of their own (MariaDB
     * Connector/J's {@code BatchUpdateException} has no SQLState; its cause has). That exception becomes
     * the cause of Athanor's, so that {@code sqlState()} and {@code vendorCode()} are the telling ones.
     */
    private static SQLException firstInChain(SQLException error, Predicate<SQLException> test) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof SQLException) {
                SQLException sqlError = (SQLException) current;
                if (test.test(sqlError)) {
                    return sqlError;
                }
                current = sqlError.getNextException() != null ? sqlError.getNextException() : sqlError.getCause();
            } else {
                current = current.getCause();
            }
        }
        return null;
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

    /** The driver's message as a statement error shows it: bounded, a long statement it repeats shortened. */
    private static String driverMessage(SQLException error, String sql, int parameterCount) {
        return StatementText.driverMessage(driverMessage(error), sql, parameterCount);
    }
}
