package io.athanor.orm.session;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Finds the {@link InstanceState} of an object that has been in a session. Athanor does not change
 * mapped classes, so it cannot keep the state on the object itself as SQLAlchemy does; it keeps it here,
 * keyed by object identity (not {@code equals}) and holding objects weakly, so that detached objects are
 * garbage-collected as usual.
 *
 * <p>Every loaded object passes through here, so the table is built for that: the state's own weak
 * reference is the entry (no extra key or node per object), the entries live in open-addressed arrays
 * split into stripes with one lock each (threads loading objects rarely meet). When an object is
 * collected its state is released at once (through a reference queue) and its small entry is swept
 * when the stripe next fills up.
 */
final class StateRegistry {

    private static final int STRIPES = 64;
    private static final Stripe[] TABLE = new Stripe[STRIPES];
    /** Entries whose object was collected: their states are let go at once, the entries at the next sweep. */
    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();

    static {
        for (int i = 0; i < STRIPES; i++) {
            TABLE[i] = new Stripe();
        }
    }

    private StateRegistry() {
    }

    static InstanceState get(Object object) {
        int hash = System.identityHashCode(object);
        return stripe(hash).get(object, hash);
    }

    static void put(InstanceState state) {
        releaseCollected();
        Entry entry = state.entry;
        stripe(entry.hash).put(entry);
    }

    static void remove(Object object) {
        int hash = System.identityHashCode(object);
        stripe(hash).remove(object, hash);
    }

    /**
     * Drops the states of collected objects. Without this a dead object's state (its snapshot and key)
     * would stay reachable from the table until its stripe is swept, and every garbage collection until
     * then would copy it.
     */
    private static void releaseCollected() {
        java.lang.ref.Reference<?> collected;
        while ((collected = COLLECTED.poll()) != null) {
            ((Entry) collected).state = null;
        }
    }

    private static Stripe stripe(int hash) {
        // The low bits pick the slot inside a stripe; the stripe comes from bits that do not.
        return TABLE[(hash >>> 24) & (STRIPES - 1)];
    }

    /** A state's weak reference to its object, which is also its entry in the registry. */
    static final class Entry extends WeakReference<Object> {
        final int hash;
        /** Null once the object is collected. */
        InstanceState state;

        Entry(Object object, InstanceState state) {
            super(object, COLLECTED);
            this.hash = System.identityHashCode(object);
            this.state = state;
        }
    }

    /** One lock's share of the table: linear probing over a power-of-two array. */
    private static final class Stripe {
        private Entry[] slots = new Entry[64];
        private int used;

        synchronized InstanceState get(Object object, int hash) {
            Entry[] table = slots;
            int mask = table.length - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                Entry entry = table[i];
                if (entry == null) {
                    return null;
                }
                if (entry.hash == hash && entry.get() == object) {
                    return entry.state;
                }
            }
        }

        synchronized void put(Entry added) {
            Object object = added.get();
            if (object == null) {
                return;
            }
            Entry[] table = slots;
            int mask = table.length - 1;
            for (int i = added.hash & mask; ; i = (i + 1) & mask) {
                Entry entry = table[i];
                if (entry == null) {
                    table[i] = added;
                    if (++used * 2 >= table.length) {
                        rebuild();
                    }
                    return;
                }
                if (entry.hash == added.hash && entry.get() == object) {
                    table[i] = added;
                    return;
                }
            }
        }

        synchronized void remove(Object object, int hash) {
            Entry[] table = slots;
            int mask = table.length - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                Entry entry = table[i];
                if (entry == null) {
                    return;
                }
                if (entry.hash == hash && entry.get() == object) {
                    table[i] = null;
                    used--;
                    // Linear probing: the entries after the hole must be placed again to stay reachable.
                    for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
                        Entry moved = table[j];
                        table[j] = null;
                        used--;
                        insert(table, moved);
                        used++;
                    }
                    return;
                }
            }
        }

        /** Drops the entries of collected objects, then grows the array only if it is still well filled. */
        private void rebuild() {
            int live = 0;
            for (Entry entry : slots) {
                if (entry != null && entry.get() != null) {
                    live++;
                }
            }
            int capacity = slots.length;
            while (live * 4 >= capacity) {
                capacity *= 2;
            }
            Entry[] table = new Entry[capacity];
            for (Entry entry : slots) {
                if (entry != null && entry.get() != null) {
                    insert(table, entry);
                }
            }
            slots = table;
            used = live;
        }

        private static void insert(Entry[] table, Entry entry) {
            int mask = table.length - 1;
            int i = entry.hash & mask;
            while (table[i] != null) {
                i = (i + 1) & mask;
            }
            table[i] = entry;
        }
    }
}
