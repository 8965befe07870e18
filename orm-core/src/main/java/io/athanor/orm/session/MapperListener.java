package io.athanor.orm.session;

/**
 * Hears the unit of work's steps for objects of one mapped class (SQLAlchemy's mapper events); register
 * with {@link SessionFactoryBuilder#listener(Class, MapperListener)}, or for all classes with
 * {@link SessionFactoryBuilder#mapperListener(MapperListener)}. A {@code before...} method may still
 * change the object's fields: the statement is written after it returns.
 *
 * <p>The events run while the flush writes: they may read the session (get, queries) and run SQL through
 * {@code session.connection()}, but not add, delete, merge, expunge, expire or refresh objects, run bulk
 * statements through the session, flush, commit, roll back or close it ({@code ATH-E070}); make such
 * changes in {@link SessionListener#beforeFlush(Session)}. To read columns the database set (a trigger,
 * a server default), expire the object after the flush, or select them through the connection.
 *
 * @param <T> the mapped class
 */
public interface MapperListener<T> {

    /**
     * Before the object's INSERT.
     *
     * @param session the session
     * @param object the object
     */
    default void beforeInsert(Session session, T object) {
    }

    /**
     * After the object's INSERT; generated keys are set.
     *
     * @param session the session
     * @param object the object
     */
    default void afterInsert(Session session, T object) {
    }

    /**
     * Before the object's UPDATE (only objects with changes are updated).
     *
     * @param session the session
     * @param object the object
     */
    default void beforeUpdate(Session session, T object) {
    }

    /**
     * After the object's UPDATE.
     *
     * @param session the session
     * @param object the object
     */
    default void afterUpdate(Session session, T object) {
    }

    /**
     * Before the object's DELETE.
     *
     * @param session the session
     * @param object the object
     */
    default void beforeDelete(Session session, T object) {
    }

    /**
     * After the object's DELETE.
     *
     * @param session the session
     * @param object the object
     */
    default void afterDelete(Session session, T object) {
    }

    /**
     * After the object was created from a row (not when an existing object is refreshed).
     *
     * @param session the session
     * @param object the object
     */
    default void load(Session session, T object) {
    }
}
