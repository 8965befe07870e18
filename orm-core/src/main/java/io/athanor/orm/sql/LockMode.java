package io.athanor.orm.sql;

/** How {@code SELECT ... FOR UPDATE} waits for rows other transactions have locked. */
public enum LockMode {
    /** Wait until the locks are released. */
    WAIT,
    /** Fail at once when a row is locked. */
    NOWAIT,
    /** Leave locked rows out of the result (a work queue). */
    SKIP_LOCKED
}
