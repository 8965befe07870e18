package io.athanor.orm.session;

import io.athanor.orm.mapping.Mapper;

import java.lang.ref.WeakReference;

/**
 * Remembers which objects are detached: they left a session with a row in the database, so adding one
 * to a session UPDATEs it rather than INSERTing it, and {@code Athanor.inspect} calls it detached.
 * Athanor does not change mapped classes, so it cannot keep this on the object itself as SQLAlchemy
 * does; it keeps a mark here, keyed by object identity (not {@code equals}) and holding objects weakly,
 * so that detached objects are garbage-collected as usual.
 *
 * <p>Every object of a closing session is marked, so the table is built for that. A mark is one small
 * weak reference and nothing else: not the object's state, whose snapshot would then stay reachable,
 * and be copied by the garbage collector, after the object itself was dropped. The marks live in
 * open-addressed arrays split into stripes with one lock each, and the marks of collected objects are
 * swept when a stripe fills up, rather than through a reference queue that would add work to every
 * collection.
 */
final class StateRegistry {

    private static final int STRIPES = 64;
    private static final Stripe[] TABLE = new Stripe[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            TABLE[i] = new Stripe();
        }
    }

    private StateRegistry() {
    }

    /** Marks an object as detached: it has a row, of the mapper's table. */
    static void markDetached(Object object, Mapper<?> mapper) {
        Mark mark = new Mark(object, mapper);
        stripe(mark.hash).put(mark);
    }

    /** The mapper of a detached object, or null when the object is not marked detached. */
    static Mapper<?> detachedMapper(Object object) {
        int hash = System.identityHashCode(object);
        return stripe(hash).get(object, hash);
    }

    /** Forgets an object's mark: it has no row any more (its INSERT was rolled back). */
    static void unmark(Object object) {
        int hash = System.identityHashCode(object);
        stripe(hash).remove(object, hash);
    }

    private static Stripe stripe(int hash) {
        // The low bits pick the slot inside a stripe; the stripe comes from bits that do not.
        return TABLE[(hash >>> 24) & (STRIPES - 1)];
    }

    /** A detached object, held weakly, and the mapper of its class. */
    private static final class Mark extends WeakReference<Object> {
        final int hash;
        final Mapper<?> mapper;

        Mark(Object object, Mapper<?> mapper) {
            super(object);
            this.hash = System.identityHashCode(object);
            this.mapper = mapper;
        }
    }

    /** One lock's share of the table: linear probing over a power-of-two array. */
    private static final class Stripe {
        private Mark[] slots = new Mark[64];
        private int used;

        synchronized Mapper<?> get(Object object, int hash) {
            Mark[] table = slots;
            int mask = table.length - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                Mark mark = table[i];
                if (mark == null) {
                    return null;
                }
                if (mark.hash == hash && mark.get() == object) {
                    return mark.mapper;
                }
            }
        }

        synchronized void put(Mark added) {
            Object object = added.get();
            Mark[] table = slots;
            int mask = table.length - 1;
            for (int i = added.hash & mask; ; i = (i + 1) & mask) {
                Mark mark = table[i];
                if (mark == null) {
                    table[i] = added;
                    if (++used * 2 >= table.length) {
                        rebuild();
                    }
                    return;
                }
                if (mark.hash == added.hash && mark.get() == object) {
                    table[i] = added;
                    return;
                }
            }
        }

        synchronized void remove(Object object, int hash) {
            Mark[] table = slots;
            int mask = table.length - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                Mark mark = table[i];
                if (mark == null) {
                    return;
                }
                if (mark.hash == hash && mark.get() == object) {
                    table[i] = null;
                    used--;
                    // Linear probing: the marks after the hole are placed again so that look-ups still reach them.
                    for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
                        Mark moved = table[j];
                        table[j] = null;
                        insert(table, moved);
                    }
                    return;
                }
            }
        }

        /** Drops the marks of collected objects, then grows the array only if it is still well filled. */
        private void rebuild() {
            int live = 0;
            for (Mark mark : slots) {
                if (mark != null && mark.get() != null) {
                    live++;
                }
            }
            int capacity = slots.length;
            while (live * 4 >= capacity) {
                capacity *= 2;
            }
            Mark[] table = new Mark[capacity];
            for (Mark mark : slots) {
                if (mark != null && mark.get() != null) {
                    insert(table, mark);
                }
            }
            slots = table;
            used = live;
        }

        private static void insert(Mark[] table, Mark mark) {
            int mask = table.length - 1;
            int i = mark.hash & mask;
            while (table[i] != null) {
                i = (i + 1) & mask;
            }
            table[i] = mark;
        }
    }
}
