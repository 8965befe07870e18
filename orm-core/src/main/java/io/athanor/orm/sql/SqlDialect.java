package io.athanor.orm.sql;

/**
 * What the SQL compiler needs to know about a database: how identifiers are quoted and how
 * LIMIT/OFFSET are written. Implemented by {@code io.athanor.orm.engine.Dialect}, so that this
 * package stays independent of connections.
 */
public interface SqlDialect {

    /** A short lower-case name such as {@code h2}, {@code postgresql} or {@code mariadb}. */
    String name();

    /**
     * Returns {@code identifier} ready to be written into SQL: unchanged when it is a plain
     * lower-case name that is not a reserved word, otherwise quoted in this database's style.
     *
     * @param identifier a table, column, index or constraint name
     * @return the identifier as it must appear in SQL text
     */
    String quoteIdentifier(String identifier);

    /**
     * Renders the clause that limits a query's rows, with a leading space, or an empty string when
     * neither is given. Values are rendered as parameter markers, never as literals.
     *
     * @param hasLimit whether a LIMIT parameter follows
     * @param hasOffset whether an OFFSET parameter follows
     * @return e.g. {@code " LIMIT ? OFFSET ?"}; the caller binds limit first, then offset
     */
    String limitOffsetClause(boolean hasLimit, boolean hasOffset);

    /** Whether the database has a case-insensitive {@code ILIKE}; otherwise LOWER() on both sides is used. */
    boolean supportsIlike();

    /** Whether ORDER BY accepts {@code NULLS FIRST} / {@code NULLS LAST}. */
    boolean supportsNullsOrdering();

    /**
     * The type name to use in {@code CAST(x AS ...)}, which some databases restrict.
     *
     * @param type the target type
     * @return the name
     */
    String castTypeName(SqlType type);

    /**
     * Whether a statement of the given kind accepts a RETURNING clause.
     *
     * @param verb {@code INSERT}, {@code UPDATE} or {@code DELETE}
     * @return true when it does
     */
    boolean supportsReturning(String verb);

    /**
     * The locking clause of a SELECT, with a leading space.
     *
     * @param mode how to lock
     * @return e.g. {@code " FOR UPDATE SKIP LOCKED"}
     */
    String forUpdateClause(LockMode mode);

    /**
     * An INSERT that gives every column its default, for a row whose only column is generated.
     *
     * @param quotedTable the table name, already quoted
     * @return e.g. {@code INSERT INTO t DEFAULT VALUES}
     */
    default String insertDefaultValues(String quotedTable) {
        return "INSERT INTO " + quotedTable + " DEFAULT VALUES";
    }

    /**
     * What this database stores exactly (string lengths, NUL, NaN, negative zero, date ranges): the flush
     * refuses, before writing anything, a value outside these limits or its column's type. The default
     * is {@link StorageLimits#STANDARD}, which is strict.
     *
     * @return the limits
     */
    default StorageLimits storageLimits() {
        return StorageLimits.STANDARD;
    }
}
