package io.athanor.orm.engine;

import io.athanor.orm.sql.SqlType;

/**
 * A value together with the column type it is written to, for the few types whose binding depends on
 * the column rather than on the Java value (a JSON document is a {@code String} in Java, but PostgreSQL
 * and H2 need it bound as JSON). Dialects bind it with {@link DefaultDialect#bindTyped}.
 */
public final class TypedValue {

    private final Object value;
    private final SqlType type;

    private TypedValue(Object value, SqlType type) {
        this.value = value;
        this.type = type;
    }

    /**
     * Wraps a value for binding with its column type; returns {@code value} itself when the type needs
     * no special binding, so callers can wrap unconditionally.
     *
     * @param value the value, possibly null
     * @param type the column type
     * @return the value to bind
     */
    public static Object of(Object value, SqlType type) {
        return value != null && type.kind() == SqlType.Kind.JSON ? new TypedValue(value, type) : value;
    }

    /** The value. */
    public Object value() {
        return value;
    }

    /** The column type. */
    public SqlType type() {
        return type;
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
