package io.athanor.orm.session;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions that hold objects, so that adding an object that is attached to another open session is
 * refused ({@code ATH-E061}) even though each session keeps its objects' states to itself. Sessions are
 * held weakly: one that is dropped without being closed does not stay alive through this table.
 *
 * <p>A web server opens and closes sessions on many threads at once, so registering and removing a session
 * must not serialise them: a concurrent map keyed by the session's number makes both a single-bin update,
 * and the references of sessions that were dropped unclosed are purged from a reference queue as new ones
 * arrive. A look-up walks the map's values without a lock. It reads another session's map from this
 * thread, so it is a misuse check, not a lock: it finds the object whenever the other session is not
 * changing its map at that moment, which covers the usual mistake of handing an object of one unit of work
 * to another.
 */
final class OpenSessions {

    private static final ConcurrentHashMap<Long, Listed> OPEN = new ConcurrentHashMap<>();
    private static final ReferenceQueue<Session> DROPPED = new ReferenceQueue<>();

    private OpenSessions() {
    }

    /** A weak reference that remembers its key, so that a dropped session's entry can be removed. */
    private static final class Listed extends WeakReference<Session> {

        final long id;

        Listed(Session session, long id) {
            super(session, DROPPED);
            this.id = id;
        }
    }

    static void opened(Session session, long id) {
        for (Reference<? extends Session> dropped = DROPPED.poll(); dropped != null; dropped = DROPPED.poll()) {
            OPEN.remove(((Listed) dropped).id, dropped);
        }
        OPEN.put(id, new Listed(session, id));
    }

    static void closed(long id) {
        OPEN.remove(id);
    }

    /** The state of an object attached to an open session other than {@code asking}, or null. */
    static InstanceState attachedElsewhere(Object object, Session asking) {
        for (Listed reference : OPEN.values()) {
            Session session = reference.get();
            // A session being closed no longer holds its objects, though its table may not be emptied yet.
            if (session != null && session != asking && !session.isClosed()) {
                InstanceState state = session.ownState(object);
                if (state != null && state.session == session) {
                    return state;
                }
            }
        }
        return null;
    }

    /** Whether the session numbered {@code id} is listed; for tests of the table's clean-up. */
    static boolean listed(long id) {
        return OPEN.containsKey(id);
    }
}
