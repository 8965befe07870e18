package io.athanor.orm.session;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.engine.NestedTransaction;

/**
 * A SAVEPOINT begun by {@link Session#beginNested()} (SQLAlchemy's {@code begin_nested()}).
 * {@link #rollback()} undoes the database work done since it began and restores the session's objects
 * to their values at that moment: objects changed inside get their earlier values back, objects added
 * inside leave the session, objects deleted inside return. {@link #commit()} keeps the work as part of
 * the outer transaction. Closing an active savepoint rolls it back.
 *
 * <p>A flush that fails while the savepoint is the innermost active one (an explicit {@code flush()}, an
 * autoflush, or the flush of {@link #commit()}) rolls back to it, as {@link #rollback()} would, and
 * throws its error; the outer transaction goes on. The savepoint has then ended: {@link #rollback()} and
 * {@link #close()} do nothing, and {@link #commit()} raises {@code ATH-E127}. This makes a savepoint per
 * record skip the records the database refuses:
 *
 * <pre>{@code
 * for (Account account : accounts) {
 *     try (Savepoint savepoint = session.beginNested()) {
 *         session.add(account);
 *         savepoint.commit();                 // the flush fails here for a duplicate
 *     } catch (IntegrityException duplicate) {
 *         // skipped: the savepoint was rolled back, the account is transient again
 *     }
 * }
 * session.commit();                           // every other account
 * }</pre>
 */
public final class Savepoint implements AutoCloseable {

    private final Session session;
    /** The database savepoint; null for one a transaction manager began (see {@link #external}). */
    private final NestedTransaction transaction;
    /** The manager's own savepoint object, for one a transaction manager began. */
    private final Object managerSavepoint;
    final SavepointJournal journal = new SavepointJournal();
    /**
     * The error of a flush that failed inside this savepoint. For the session's own savepoint it was rolled
     * back then; for a manager's savepoint the session waits for the manager to roll back to it.
     */
    private RuntimeException failedFlush;

    Savepoint(Session session, NestedTransaction transaction) {
        this(session, transaction, null);
    }

    private Savepoint(Session session, NestedTransaction transaction, Object managerSavepoint) {
        this.session = session;
        this.transaction = transaction;
        this.managerSavepoint = managerSavepoint;
    }

    /**
     * A savepoint that the transaction's manager began and ends (Spring's {@code NESTED} propagation). The
     * session only keeps its journal, so that the objects can follow when the manager rolls back to it; it
     * is never handed out.
     */
    static Savepoint external(Session session, Object managerSavepoint) {
        return new Savepoint(session, null, managerSavepoint);
    }

    /**
     * Flushes pending changes and releases the savepoint, keeping its work.
     *
     * @throws InvalidRequestException ({@code ATH-E127}) when a failed flush already rolled it back;
     *         ({@code ATH-E018}) when it was committed or rolled back, itself or with its outer transaction
     */
    public void commit() {
        if (failedFlush != null) {
            throw new InvalidRequestException("ATH-E127", "This savepoint was rolled back when a flush inside it failed"
                    + " (" + failedFlush.getMessage() + "), so its work is gone and it cannot be committed. The outer"
                    + " transaction goes on: catch the flush's error to skip this work, or begin a new savepoint with"
                    + " session.beginNested() to try again.", failedFlush);
        }
        requireActive();
        session.releaseSavepoint(this, transaction);
    }

    /**
     * Rolls the database back to the savepoint and restores the objects. Does nothing when a failed flush
     * already rolled it back.
     *
     * @throws InvalidRequestException ({@code ATH-E018}) when it was committed or rolled back already
     */
    public void rollback() {
        if (failedFlush != null) {
            return;
        }
        requireActive();
        session.rollbackSavepoint(this, transaction);
    }

    /** Whether neither this savepoint nor its outer transaction has ended (a failed flush ends it too). */
    public boolean isActive() {
        return transaction == null || transaction.isActive();
    }

    /** Rolls back if still active; does nothing after a commit, a rollback or a failed flush. */
    @Override
    public void close() {
        if (isActive() && failedFlush == null) {
            rollback();
        }
    }

    NestedTransaction transaction() {
        return transaction;
    }

    boolean isExternal() {
        return transaction == null;
    }

    boolean isFor(Object savepoint) {
        return managerSavepoint != null && managerSavepoint == savepoint;
    }

    void flushFailed(RuntimeException failure) {
        failedFlush = failure;
    }

    /**
     * The refusal ({@code ATH-E128}) of a session whose flush failed inside this manager's savepoint, or
     * null when none did.
     */
    InvalidRequestException refusal() {
        if (failedFlush == null || !isExternal()) {
            return null;
        }
        return new InvalidRequestException("ATH-E128", "A flush of " + session + " failed inside a savepoint that the"
                + " transaction's manager began (Spring's Propagation.NESTED): " + failedFlush.getMessage() + " The"
                + " session refuses work until the manager rolls back to that savepoint, which restores the objects"
                + " changed since it began: let the exception leave the NESTED method. If that method has returned"
                + " already, roll back the whole transaction.", failedFlush);
    }

    private void requireActive() {
        if (!isActive()) {
            throw new InvalidRequestException("ATH-E018", "This savepoint was already committed or rolled back, itself"
                    + " or with its outer transaction; begin a new one with session.beginNested().");
        }
    }
}
