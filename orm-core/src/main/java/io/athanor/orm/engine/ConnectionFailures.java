package io.athanor.orm.engine;

import io.athanor.orm.ConnectionLostException;
import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.OrmException;

import java.sql.SQLException;

/**
 * What a {@link Connection} must remember of the errors it saw: that its link to the database was lost
 * (for good), or that the database aborted or rolled back its current transaction (until the transaction
 * ends). Either makes the connection refuse further work with a message saying why and what to do.
 */
final class ConnectionFailures {

    private final Dialect dialect;
    /** The failure that showed the connection to the database was gone; null while it works. */
    private ConnectionLostException lost;
    /** The error after which the database aborted or rolled back the current transaction; null otherwise. */
    private OrmException abortedBy;
    private DefaultDialect.ErrorEffect abortEffect;

    ConnectionFailures(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Notes what a translated driver error says about the connection and its transaction.
     *
     * @param error the translation
     * @param failure the driver's exception
     * @param inTransaction whether a transaction had begun
     * @return true when the error shows the connection lost, for the first time
     */
    boolean record(OrmException error, SQLException failure, boolean inTransaction) {
        if (error instanceof ConnectionLostException) {
            if (lost != null) {
                return false;
            }
            lost = (ConnectionLostException) error;
            return true;
        }
        if (inTransaction && abortedBy == null) {
            DefaultDialect.ErrorEffect effect = dialect instanceof DefaultDialect
                    ? ((DefaultDialect) dialect).effectOnTransaction(failure)
                    : DefaultDialect.ErrorEffect.STATEMENT_UNDONE;
            if (effect != DefaultDialect.ErrorEffect.STATEMENT_UNDONE) {
                abortedBy = error;
                abortEffect = effect;
            }
        }
        return false;
    }

    ConnectionLostException lost() {
        return lost;
    }

    boolean isLost() {
        return lost != null;
    }

    boolean isTransactionAborted() {
        return abortedBy != null;
    }

    /** Whether the database rolled back the whole transaction, savepoints included. */
    boolean isTransactionRolledBack() {
        return abortedBy != null && abortEffect == DefaultDialect.ErrorEffect.TRANSACTION_ROLLED_BACK;
    }

    /** Whether a rollback to a savepoint taken before the error makes the transaction usable (PostgreSQL). */
    boolean savepointRecovers() {
        return abortedBy != null && abortEffect == DefaultDialect.ErrorEffect.TRANSACTION_ABORTED;
    }

    /** The transaction ended (rollback), or was recovered by a savepoint. */
    void transactionRecovered() {
        abortedBy = null;
        abortEffect = null;
    }

    /**
     * Refuses an operation that needs the database when the connection was lost ({@code ATH-E102}) or, unless
     * {@code evenIfAborted}, when its transaction was aborted ({@code ATH-E103}).
     */
    void requireUsable(String operation, boolean evenIfAborted) {
        if (abortedBy != null && lost == null && !evenIfAborted) {
            throw new InvalidRequestException("ATH-E103", abortEffect == DefaultDialect.ErrorEffect.TRANSACTION_ABORTED
                    ? "This Connection's transaction was aborted by an earlier error (the cause, " + code(abortedBy)
                    + "), so it cannot " + operation + ": " + dialect.name() + " ignores every statement of a"
                    + " transaction after its first error, and a COMMIT would roll it back without saying so. Call"
                    + " rollback() (or roll back to a savepoint taken before the error) and run the work again."
                    : "The database rolled back this Connection's transaction after an earlier error (the cause, "
                    + code(abortedBy) + ": a deadlock or a serialization failure), so it cannot " + operation
                    + ": none of the transaction's work was kept, and what ran now would start a new transaction"
                    + " that only looks like the old one. Call rollback() and run the whole transaction again.",
                    abortedBy);
        }
        if (lost != null) {
            throw new InvalidRequestException("ATH-E102", "This Connection was lost earlier (the cause, ATH-E097), so"
                    + " it cannot " + operation + ": the database ended its session, and the transaction with it."
                    + " Call rollback() to end the transaction on this side (a Session then takes a new connection"
                    + " from the pool for its next statement); close() a plain Connection and get a new one with"
                    + " engine.connect().", lost);
        }
    }

    private static String code(OrmException error) {
        return error.code() == null ? error.getClass().getSimpleName() : error.code();
    }
}
