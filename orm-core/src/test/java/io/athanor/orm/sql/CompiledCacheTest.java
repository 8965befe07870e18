package io.athanor.orm.sql;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The compiled-statement cache: shared hits, a bounded size, and eviction of what was not used. */
class CompiledCacheTest {

    private static CompiledStatement compiled(String sql) {
        return new CompiledStatement(new CompiledSql(sql, List.of()), List.of());
    }

    @Test
    void aSecondLookUpOfTheSameKeyReturnsTheSameCompilationAndCountsAHit() {
        CompiledCache cache = new CompiledCache(10);
        CompiledStatement first = cache.get("a", () -> compiled("SELECT 1"));

        CompiledStatement second = cache.get("a", () -> compiled("SELECT 1"));

        assertThat(second).isSameAs(first);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void beyondItsSizeTheCacheKeepsItsSizeAndTheStatementJustStored() {
        CompiledCache cache = new CompiledCache(2);
        cache.get("a", () -> compiled("SELECT a"));
        cache.get("b", () -> compiled("SELECT b"));

        cache.get("c", () -> compiled("SELECT c"));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("c", () -> compiled("SELECT c again")).sql().sql()).isEqualTo("SELECT c");
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void eightThreadsLookingUpFiftyStatementsLeaveAtMostTheSizeAndShareEachCompilation() throws Exception {
        CompiledCache cache = new CompiledCache(20);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        String key = "s" + (i % 50);
                        assertThat(cache.get(key, () -> compiled(key)).sql().sql()).isEqualTo(key);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(cache.size()).isLessThanOrEqualTo(20);
        assertThat(cache.hits() + cache.misses()).isEqualTo(80_000);
    }
}
