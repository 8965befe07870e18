package io.athanor.orm.session;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.engine.NestedTransaction;

/**
 * A SAVEPOINT begun by {@link Session#beginNested()}. {@link #rollback()} undoes the database work done
 * since it began and restores the session's objects to their values at that moment: objects changed
 * inside get their earlier values back, objects added inside leave the session, objects deleted inside
 * return. {@link #commit()} keeps the work as part of the outer transaction. Closing an active savepoint
 * rolls it back.
 */
public final class Savepoint implements AutoCloseable {

    private final Session session;
    private final NestedTransaction transaction;
    final SavepointJournal journal = new SavepointJournal();

    Savepoint(Session session, NestedTransaction transaction) {
        this.session = session;
        this.transaction = transaction;
    }

    /** Flushes pending changes and releases the savepoint, keeping its work. */
    public void commit() {
        requireActive();
        session.releaseSavepoint(this, transaction);
    }

    /** Rolls the database back to the savepoint and restores the objects. */
    public void rollback() {
        requireActive();
        session.rollbackSavepoint(this, transaction);
    }

    /** Whether neither this savepoint nor its outer transaction has ended. */
    public boolean isActive() {
        return transaction.isActive();
    }

    /** Rolls back if still active. */
    @Override
    public void close() {
        if (isActive()) {
            rollback();
        }
    }

    private void requireActive() {
        if (!transaction.isActive()) {
            throw new InvalidRequestException("ATH-E018", "This savepoint was already committed or rolled back, itself"
                    + " or with its outer transaction; begin a new one with session.beginNested().");
        }
    }
}
