package io.athanor.orm.engine;

/** Transaction isolation levels, as in SQL and JDBC. */
public enum IsolationLevel {
    /** Dirty reads possible. */
    READ_UNCOMMITTED(java.sql.Connection.TRANSACTION_READ_UNCOMMITTED),
    /** The default of PostgreSQL and H2. */
    READ_COMMITTED(java.sql.Connection.TRANSACTION_READ_COMMITTED),
    /** The default of MariaDB/MySQL (InnoDB). */
    REPEATABLE_READ(java.sql.Connection.TRANSACTION_REPEATABLE_READ),
    /** Full isolation. */
    SERIALIZABLE(java.sql.Connection.TRANSACTION_SERIALIZABLE);

    private final int jdbcLevel;

    IsolationLevel(int jdbcLevel) {
        this.jdbcLevel = jdbcLevel;
    }

    /** The {@code java.sql.Connection.TRANSACTION_*} constant. */
    public int jdbcLevel() {
        return jdbcLevel;
    }
}
