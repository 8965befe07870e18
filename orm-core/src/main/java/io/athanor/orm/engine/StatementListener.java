package io.athanor.orm.engine;

/**
 * Hears every statement an engine's connections run, for metrics; register with
 * {@link EngineBuilder#statementListener(StatementListener)}. Called on the executing thread after the
 * statement succeeded; must be quick.
 */
@FunctionalInterface
public interface StatementListener {

    /**
     * A statement ran.
     *
     * @param sql the SQL as sent
     * @param executions how many times it ran (the size of a batch, else 1)
     * @param nanos how long it took
     */
    void executed(String sql, int executions, long nanos);
}
