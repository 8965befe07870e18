package io.athanor.orm;

import java.sql.SQLException;
import java.util.List;

/**
 * The database ended the transaction to resolve a conflict with a concurrent one: it chose it as the
 * victim of a deadlock, or found that it could not be serialized with another (SQLState class {@code 40}:
 * PostgreSQL's {@code 40P01} and {@code 40001}, MariaDB's error 1213, H2's 40001). Code {@code ATH-E104}.
 *
 * <p>None of the transaction's work was kept, and its connection refuses further statements until rolled
 * back ({@code ATH-E103}). Such conflicts are expected under concurrency: roll back and run the whole
 * transaction again, which usually succeeds. Taking row locks in one consistent order (by primary key, say)
 * makes deadlocks rarer.
 */
public class TransactionConflictException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception from a driver error.
     *
     * @param code the stable error code
     * @param message what failed and what to do next
     * @param sql the statement the database failed
     * @param parameters the parameters as rendered for the message
     * @param cause the driver's exception
     */
    public TransactionConflictException(String code, String message, String sql, List<String> parameters,
                                        SQLException cause) {
        super(code, message, sql, parameters, cause);
    }
}
