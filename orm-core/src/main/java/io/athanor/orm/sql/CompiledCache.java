package io.athanor.orm.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A bounded cache of compiled statements keyed by statement structure, not values (SQLAlchemy's
 * compiled cache): two statements that differ only in their bound values share one compilation.
 * Least recently used entries are evicted beyond the size limit. Thread-safe.
 */
public final class CompiledCache {

    private final int maxSize;
    private final Map<String, CompiledStatement> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * Creates a cache.
     *
     * @param maxSize the most statements kept
     */
    public CompiledCache(int maxSize) {
        this.maxSize = maxSize;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompiledStatement> eldest) {
                return size() > CompiledCache.this.maxSize;
            }
        };
    }

    CompiledStatement get(String key, Supplier<CompiledStatement> compiler) {
        synchronized (entries) {
            CompiledStatement cached = entries.get(key);
            if (cached != null) {
                hits.incrementAndGet();
                return cached;
            }
        }
        misses.incrementAndGet();
        CompiledStatement compiled = compiler.get();
        synchronized (entries) {
            entries.put(key, compiled);
        }
        return compiled;
    }

    /** How many lookups found a compiled statement. */
    public long hits() {
        return hits.get();
    }

    /** How many lookups had to compile. */
    public long misses() {
        return misses.get();
    }

    /** How many statements are cached now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The most statements kept. */
    public int maxSize() {
        return maxSize;
    }

    /** Empties the cache and resets the counters. */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
        hits.set(0);
        misses.set(0);
    }

    @Override
    public String toString() {
        return "CompiledCache[size=" + size() + "/" + maxSize + ", hits=" + hits() + ", misses=" + misses() + "]";
    }
}
