package io.athanor.orm.session;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the {@link InstanceState} of an object that has been in a session. Athanor does not change
 * mapped classes, so it cannot keep the state on the object itself as SQLAlchemy does; it keeps it in
 * this map instead, keyed by object identity (not {@code equals}) and holding objects weakly, so that
 * detached objects are garbage-collected as usual.
 */
final class StateRegistry {

    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static final ConcurrentHashMap<Object, InstanceState> STATES = new ConcurrentHashMap<>();

    private StateRegistry() {
    }

    static InstanceState get(Object object) {
        purge();
        return STATES.get(new Lookup(object));
    }

    static void put(Object object, InstanceState state) {
        purge();
        STATES.put(new WeakKey(object), state);
    }

    static void remove(Object object) {
        STATES.remove(new Lookup(object));
    }

    private static void purge() {
        Object collected;
        while ((collected = COLLECTED.poll()) != null) {
            STATES.remove(collected);
        }
    }

    private static final class WeakKey extends WeakReference<Object> {
        private final int hash;

        WeakKey(Object referent) {
            super(referent, COLLECTED);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            Object mine = get();
            if (mine == null) {
                return false;
            }
            if (other instanceof WeakKey) {
                return mine == ((WeakKey) other).get();
            }
            return other instanceof Lookup && mine == ((Lookup) other).referent;
        }
    }

    /** A short-lived key for lookups, so that a lookup allocates no weak reference. */
    private static final class Lookup {
        private final Object referent;

        Lookup(Object referent) {
            this.referent = referent;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(referent);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WeakKey ? ((WeakKey) other).get() == referent
                    : other instanceof Lookup && ((Lookup) other).referent == referent;
        }
    }
}
