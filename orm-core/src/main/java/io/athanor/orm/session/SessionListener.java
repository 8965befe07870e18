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
