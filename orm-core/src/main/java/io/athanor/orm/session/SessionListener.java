package io.athanor.orm.session;

/**
 * Hears what sessions of a {@link SessionFactory} do, for metrics and logging; register with
 * {@link SessionFactoryBuilder#listener(SessionListener)}. Methods run on the session's thread and must
 * be quick; their exceptions are not caught.
 */
public interface SessionListener {

    /**
     * A session was opened.
     *
     * @param session the session
     */
    default void sessionOpened(Session session) {
    }

    /**
     * Before a flush computes what to write; may add, change or delete objects, which that flush then
     * writes (SQLAlchemy's {@code before_flush}).
     *
     * @param session the session
     */
    default void beforeFlush(Session session) {
    }

    /**
     * After a flush wrote its statements, before the session's bookkeeping is final
     * (SQLAlchemy's {@code after_flush}).
     *
     * @param session the session
     */
    default void afterFlush(Session session) {
    }

    /**
     * Before the session's transaction commits, before its final flush.
     *
     * @param session the session
     */
    default void beforeCommit(Session session) {
    }

    /**
     * After the transaction committed.
     *
     * @param session the session
     */
    default void afterCommit(Session session) {
    }

    /**
     * After the transaction was rolled back.
     *
     * @param session the session
     */
    default void afterRollback(Session session) {
    }

    /**
     * A flush wrote changes.
     *
     * @param session the session
     * @param inserts the rows inserted
     * @param updates the rows updated
     * @param deletes the rows deleted
     * @param nanos how long the flush took
     */
    default void flushed(Session session, int inserts, int updates, int deletes, long nanos) {
    }
}
