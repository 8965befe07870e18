package io.athanor.orm.session;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions that hold objects, so that adding an object that is attached to another open session is
 * refused ({@code ATH-E061}) even though each session keeps its objects' states to itself. Sessions are
 * held weakly: one that is dropped without being closed does not stay alive through this set.
 *
 * <p>The look-up reads another session's map from this thread, so it is a misuse check, not a lock: it
 * finds the object whenever the other session is not changing its map at that moment, which covers the
 * usual mistake of handing an object loaded by one request's session to another's.
 */
final class OpenSessions {

    private static final ConcurrentHashMap<Long, WeakReference<Session>> SESSIONS = new ConcurrentHashMap<>();

    private OpenSessions() {
    }

    static void opened(Session session) {
        SESSIONS.put(session.serial(), new WeakReference<>(session));
    }

    static void closed(Session session) {
        SESSIONS.remove(session.serial());
    }

    /** The state of an object attached to an open session other than {@code asking}, or null. */
    static InstanceState attachedElsewhere(Object object, Session asking) {
        for (var entry : SESSIONS.entrySet()) {
            Session session = entry.getValue().get();
            if (session == null) {
                SESSIONS.remove(entry.getKey(), entry.getValue());
            } else if (session != asking) {
                InstanceState state = session.ownState(object);
                if (state != null && state.session == session) {
                    return state;
                }
            }
        }
        return null;
    }
}
