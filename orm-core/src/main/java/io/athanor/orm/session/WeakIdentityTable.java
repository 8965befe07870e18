package io.athanor.orm.session;

import java.lang.ref.WeakReference;

/**
 * A table from objects, compared by identity and held weakly, to a value: what {@link DetachedObjects} knows
 * of each object that left a session. Not thread-safe; its owner locks.
 *
 * <p>Why not a {@code HashMap} of weak keys with a {@code ReferenceQueue}: a session that closes with
 * 10,000 recorded objects made 30,000 objects here (key reference, value, map node) and 10,000 queued
 * references for the collector to hand over. Here one {@link Entry} per object is the weak reference, the
 * value and the slot's content at once, and nothing is queued: an entry whose object is gone is dropped
 * the next time the table is rebuilt, which happens when live and dead entries fill half of it.
 *
 * @param <V> what is recorded per object
 */
final class WeakIdentityTable<V> {

    private static final int MIN_CAPACITY = 64;

    /** Open addressing with linear probing; the length is a power of two. */
    private Entry<V>[] slots = newSlots(MIN_CAPACITY);
    /** Slots holding an entry, live or dead. */
    private int used;

    /** Records {@code value} for {@code object}, replacing what was recorded for it. */
    void put(Object object, V value) {
        int hash = System.identityHashCode(object);
        int mask = slots.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            Entry<V> entry = slots[i];
            if (entry == null) {
                slots[i] = new Entry<>(object, hash, value);
                if (++used * 2 > slots.length) {
                    rebuild();
                }
                return;
            }
            if (entry.hash == hash && entry.get() == object) {
                entry.value = value;
                return;
            }
        }
    }

    /** What was recorded for {@code object}, or null. */
    V get(Object object) {
        Entry<V> entry = find(object);
        return entry == null ? null : entry.value;
    }

    /** Forgets {@code object}: its entry stays in its slot, dead, until the next rebuild. */
    void remove(Object object) {
        Entry<V> entry = find(object);
        if (entry != null) {
            entry.clear();
            entry.value = null;
        }
    }

    /** Entries whose object is still alive and not removed; counts them (for tests and rebuilds). */
    int live() {
        int live = 0;
        for (Entry<V> entry : slots) {
            if (entry != null && entry.get() != null) {
                live++;
            }
        }
        return live;
    }

    /** Slots in use, live or dead (for tests). */
    int used() {
        return used;
    }

    private Entry<V> find(Object object) {
        if (used == 0) {
            return null;
        }
        int hash = System.identityHashCode(object);
        int mask = slots.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            Entry<V> entry = slots[i];
            if (entry == null) {
                return null;
            }
            if (entry.hash == hash && entry.get() == object) {
                return entry;
            }
        }
    }

    /**
     * Moves the live entries into a table four times their number (at least the minimum), leaving the dead
     * behind: the table grows while objects stay alive and shrinks after they are collected.
     */
    private void rebuild() {
        int live = live();
        int capacity = MIN_CAPACITY;
        while (capacity < live * 4) {
            capacity <<= 1;
        }
        Entry<V>[] old = slots;
        slots = newSlots(capacity);
        used = 0;
        int mask = capacity - 1;
        for (Entry<V> entry : old) {
            if (entry != null && entry.get() != null) {
                int i = spread(entry.hash) & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = entry;
                used++;
            }
        }
    }

    /** Identity hashes are not uniform in their low bits on every JVM: mix the high ones in. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V>[] newSlots(int capacity) {
        return (Entry<V>[]) new Entry<?>[capacity];
    }

    /** One object's slot: a weak reference to it, its identity hash, and its value. */
    private static final class Entry<V> extends WeakReference<Object> {
        final int hash;
        V value;

        Entry(Object object, int hash, V value) {
            super(object);
            this.hash = hash;
            this.value = value;
        }
    }
}
