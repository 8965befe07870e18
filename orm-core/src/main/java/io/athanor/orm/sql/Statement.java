package io.athanor.orm.sql;

import java.util.Map;

/**
 * Something a connection or session can execute: it compiles, for one dialect, to SQL text with
 * named parameter slots, and carries the values bound to those names.
 *
 * <p>Implementations are immutable: binding a value returns a new statement, so one statement can
 * be shared and executed many times with different values.
 */
public interface Statement {

    /**
     * Compiles this statement for {@code dialect}.
     *
     * @param dialect the database the SQL is written for
     * @return the SQL text with {@code ?} markers and the parameter name of each marker, in order
     */
    CompiledSql compile(SqlDialect dialect);

    /** The values bound so far, by parameter name. */
    Map<String, Object> parameters();
}
