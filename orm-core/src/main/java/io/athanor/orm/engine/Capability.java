package io.athanor.orm.engine;

/**
 * Optional features a database may have. Code and tests that need one ask
 * {@link Dialect#supports(Capability)} rather than checking the database's name.
 */
public enum Capability {
    /** {@code INSERT ... RETURNING} gives back generated keys and defaults in one round trip. */
    INSERT_RETURNING,
    /** {@code UPDATE ... RETURNING}. */
    UPDATE_RETURNING,
    /** {@code DELETE ... RETURNING}. */
    DELETE_RETURNING,
    /** {@code SAVEPOINT} inside a transaction. */
    SAVEPOINTS,
    /** DDL runs inside the transaction and is undone by a rollback. */
    TRANSACTIONAL_DDL,
    /** A native UUID column type. */
    NATIVE_UUID,
    /** TIMESTAMP WITH TIME ZONE keeps the offset it was given (otherwise values come back in UTC). */
    TIMEZONE_OFFSET_KEPT,
    /** {@code FOR UPDATE SKIP LOCKED}. */
    SKIP_LOCKED,
    /** CHECK constraints are enforced. */
    CHECK_CONSTRAINTS,
    /**
     * The driver returns any named columns (not only the auto-increment key) as generated keys, also
     * for a batch, so that identity keys and server defaults come back in one round trip.
     */
    GENERATED_KEYS_BY_NAME,
    /**
     * A multi-row {@code INSERT ... VALUES (..), (..) RETURNING} inserts its rows in VALUES order, so
     * that identity keys drawn from a sequence ascend in that order: the unit of work inserts many new
     * objects per statement and hands the keys back by sorting them (SQLAlchemy's "insertmanyvalues").
     */
    MULTI_ROW_INSERT_RETURNING,
    /**
     * Turning a connection's auto-commit mode on or off outside a transaction only changes a setting of the
     * driver: no round trip, no commit. A connection that its pool hands out in manual-commit mode can then
     * run plain reads in auto-commit mode and switch back at its first write for free (see
     * {@code EngineBuilder.deferBegin}); with other drivers (H2 commits, MariaDB sends a statement) only a
     * connection that arrives in auto-commit mode reads outside a transaction.
     */
    LOCAL_AUTOCOMMIT_SWITCH
}
