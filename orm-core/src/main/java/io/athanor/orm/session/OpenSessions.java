package io.athanor.orm.session;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The sessions that hold objects, so that adding an object that is attached to another open session is
 * refused ({@code ATH-E061}) even though each session keeps its objects' states to itself. Sessions are
 * held weakly: one that is dropped without being closed does not stay alive through this list.
 *
 * <p>The list is copied on write: sessions are opened and closed far less often than objects are added,
 * and a look-up then walks a plain array. It reads another session's map from this thread, so it is a
 * misuse check, not a lock: it finds the object whenever the other session is not changing its map at
 * that moment, which covers the usual mistake of handing an object of one unit of work to another.
 */
final class OpenSessions {

    @SuppressWarnings("unchecked")
    private static volatile WeakReference<Session>[] open = new WeakReference[0];

    private OpenSessions() {
    }

    static synchronized void opened(Session session) {
        WeakReference<Session>[] current = open;
        int live = 0;
        @SuppressWarnings("unchecked")
        WeakReference<Session>[] next = new WeakReference[current.length + 1];
        for (WeakReference<Session> reference : current) {
            if (reference.get() != null) {
                next[live++] = reference;
            }
        }
        next[live++] = new WeakReference<>(session);
        open = Arrays.copyOf(next, live);
    }

    static synchronized void closed(Session session) {
        WeakReference<Session>[] current = open;
        @SuppressWarnings("unchecked")
        WeakReference<Session>[] next = new WeakReference[current.length];
        int live = 0;
        for (WeakReference<Session> reference : current) {
            Session other = reference.get();
            if (other != null && other != session) {
                next[live++] = reference;
            }
        }
        open = Arrays.copyOf(next, live);
    }

    /** The state of an object attached to an open session other than {@code asking}, or null. */
    static InstanceState attachedElsewhere(Object object, Session asking) {
        for (WeakReference<Session> reference : open) {
            Session session = reference.get();
            if (session != null && session != asking) {
                InstanceState state = session.ownState(object);
                if (state != null && state.session == session) {
                    return state;
                }
            }
        }
        return null;
    }
}
