package io.athanor.orm.spring.autoconfigure;

import io.athanor.orm.engine.StatementListener;
import io.athanor.orm.session.Session;
import io.athanor.orm.session.SessionListener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters for Athanor: {@code athanor.sessions.opened}, {@code athanor.flushes},
 * {@code athanor.flush.duration} and {@code athanor.statements} tagged by {@code kind} (select, insert,
 * update, delete, other).
 */
public final class AthanorMetrics implements SessionListener, StatementListener {

    private final MeterRegistry registry;
    private final Counter sessionsOpened;
    private final Counter flushes;
    private final Timer flushDuration;

    /**
     * Creates the meters.
     *
     * @param registry the meter registry
     */
    public AthanorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sessionsOpened = Counter.builder("athanor.sessions.opened").description("Sessions opened")
                .register(registry);
        this.flushes = Counter.builder("athanor.flushes").description("Flushes that wrote changes").register(registry);
        this.flushDuration = Timer.builder("athanor.flush.duration").description("Time spent flushing")
                .register(registry);
    }

    @Override
    public void sessionOpened(Session session) {
        sessionsOpened.increment();
    }

    @Override
    public void flushed(Session session, int inserts, int updates, int deletes, long nanos) {
        flushes.increment();
        flushDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void executed(String sql, int executions, long nanos) {
        registry.counter("athanor.statements", "kind", kind(sql)).increment(executions);
    }

    static String kind(String sql) {
        String start = sql.stripLeading();
        int end = 0;
        while (end < start.length() && Character.isLetter(start.charAt(end))) {
            end++;
        }
        String keyword = start.substring(0, end).toLowerCase(Locale.ROOT);
        switch (keyword) {
            case "select":
            case "with":
                return "select";
            case "insert":
            case "update":
            case "delete":
                return keyword;
            default:
                return "other";
        }
    }
}
