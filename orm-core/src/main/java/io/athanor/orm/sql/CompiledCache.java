package io.athanor.orm.sql;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A bounded cache of compiled statements keyed by statement structure, not values (SQLAlchemy's
 * compiled cache): two statements that differ only in their bound values share one compilation.
 * Beyond the size limit, statements not used since the last eviction pass go first. Thread-safe.
 *
 * <p>Every query of every thread looks its statement up here, so a hit takes no lock and writes no shared
 * state but a per-entry flag, and only if it is not set already: a least-recently-used list would reorder
 * itself under a lock on every hit, which serialised the request threads of a web server. Eviction is the
 * "clock" approximation of LRU: a hit marks its entry used; when the cache is full, a pass removes the
 * entries not marked since the previous pass and clears the marks of the others.
 */
public final class CompiledCache {

    private final int maxSize;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final Object evicting = new Object();

    /** A compiled statement and whether it was used since the last eviction pass. */
    private static final class Entry {
        final CompiledStatement compiled;
        volatile boolean used;

        Entry(CompiledStatement compiled) {
            this.compiled = compiled;
            // A statement just compiled is in use: it survives the eviction pass that its own insert starts.
            this.used = true;
        }
    }

    /**
     * Creates a cache.
     *
     * @param maxSize the most statements kept
     */
    public CompiledCache(int maxSize) {
        this.maxSize = maxSize;
    }

    CompiledStatement get(String key, Supplier<CompiledStatement> compiler) {
        Entry entry = entries.get(key);
        if (entry != null) {
            if (!entry.used) {
                entry.used = true;
            }
            hits.increment();
            return entry.compiled;
        }
        misses.increment();
        CompiledStatement compiled = compiler.get();
        // Two threads may compile the same statement at once; the first one stored is kept, so that every
        // caller shares one CompiledSql (the engine keys the shapes of results on it).
        Entry stored = entries.putIfAbsent(key, new Entry(compiled));
        if (stored != null) {
            return stored.compiled;
        }
        if (entries.size() > maxSize) {
            evict();
        }
        return compiled;
    }

    /** Removes entries not used since the last pass until the cache fits, clearing the marks it passes. */
    private void evict() {
        synchronized (evicting) {
            while (entries.size() > maxSize) {
                Iterator<Map.Entry<String, Entry>> all = entries.entrySet().iterator();
                while (all.hasNext() && entries.size() > maxSize) {
                    Entry entry = all.next().getValue();
                    if (entry.used) {
                        entry.used = false;
                    } else {
                        all.remove();
                    }
                }
            }
        }
    }

    /** How many lookups found a compiled statement. */
    public long hits() {
        return hits.sum();
    }

    /** How many lookups had to compile. */
    public long misses() {
        return misses.sum();
    }

    /** How many statements are cached now. */
    public int size() {
        return entries.size();
    }

    /** The most statements kept. */
    public int maxSize() {
        return maxSize;
    }

    /** Empties the cache and resets the counters. */
    public void clear() {
        entries.clear();
        hits.reset();
        misses.reset();
    }

    @Override
    public String toString() {
        return "CompiledCache[size=" + size() + "/" + maxSize + ", hits=" + hits() + ", misses=" + misses() + "]";
    }
}
