package io.athanor.orm.session;

/**
 * A map from objects, compared by identity, to values: a session's state of each object it holds. Not
 * thread-safe.
 *
 * <p>Why not {@code java.util.IdentityHashMap}: growing one re-hashes every key, which reads each key's
 * header from memory; a profile of a session loading 10,000 rows spent a tenth of its time there. This
 * table keeps each key's identity hash next to it, so growing it reads only its own arrays. Open
 * addressing with linear probing; a removal shifts the entries after it back, so no tombstones build up.
 *
 * @param <K> the keys
 * @param <V> the values
 */
final class IdentityTable<K, V> {

    private static final int MIN_CAPACITY = 8;

    private Object[] keys;
    private Object[] values;
    private int[] hashes;
    private int size;

    /** An empty table; its arrays are made by the first {@link #put}. */
    IdentityTable() {
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(Object key) {
        if (size == 0) {
            return null;
        }
        int slot = find(key, System.identityHashCode(key));
        return slot < 0 ? null : (V) values[slot];
    }

    /** Sets the value of {@code key}; returns the previous one, or null. */
    @SuppressWarnings("unchecked")
    V put(K key, V value) {
        if (keys == null) {
            allocate(MIN_CAPACITY);
        }
        int hash = System.identityHashCode(key);
        int mask = keys.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            Object present = keys[i];
            if (present == null) {
                keys[i] = key;
                values[i] = value;
                hashes[i] = hash;
                // At most half full: probe runs stay short.
                if (++size * 2 > keys.length) {
                    grow();
                }
                return null;
            }
            if (present == key) {
                Object previous = values[i];
                values[i] = value;
                return (V) previous;
            }
        }
    }

    /** Removes {@code key}; returns its value, or null when it was not there. */
    @SuppressWarnings("unchecked")
    V remove(Object key) {
        if (size == 0) {
            return null;
        }
        int slot = find(key, System.identityHashCode(key));
        if (slot < 0) {
            return null;
        }
        Object removed = values[slot];
        closeGap(slot);
        size--;
        return (V) removed;
    }

    /** Empties the table and lets its arrays go. */
    void clear() {
        keys = null;
        values = null;
        hashes = null;
        size = 0;
    }

    private int find(Object key, int hash) {
        int mask = keys.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            Object present = keys[i];
            if (present == key) {
                return i;
            }
            if (present == null) {
                return -1;
            }
        }
    }

    /**
     * Empties slot {@code gap} and moves back every later entry of the same probe run that could no longer be
     * found past the gap (Knuth's deletion for linear probing).
     */
    private void closeGap(int gap) {
        int mask = keys.length - 1;
        int empty = gap;
        for (int i = (gap + 1) & mask; keys[i] != null; i = (i + 1) & mask) {
            int home = spread(hashes[i]) & mask;
            // The entry at i may move to the empty slot when its home is not in the cyclic range (empty, i].
            boolean homeInRange = empty <= i ? empty < home && home <= i : empty < home || home <= i;
            if (!homeInRange) {
                keys[empty] = keys[i];
                values[empty] = values[i];
                hashes[empty] = hashes[i];
                empty = i;
            }
        }
        keys[empty] = null;
        values[empty] = null;
    }

    private void grow() {
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        allocate(oldKeys.length * 2);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = spread(oldHashes[j]) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
                hashes[i] = oldHashes[j];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new Object[capacity];
        values = new Object[capacity];
        hashes = new int[capacity];
    }

    /** Identity hashes are not uniform in their low bits on every JVM: mix the high ones in. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
