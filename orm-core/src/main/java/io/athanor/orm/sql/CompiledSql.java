package io.athanor.orm.sql;

import io.athanor.orm.ArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A statement compiled for one dialect: JDBC SQL text with {@code ?} markers, and for each marker
 * the name of the parameter whose value goes there (SQLAlchemy's {@code Compiled}).
 *
 * <p>A compiled statement holds no values, so it can be cached and reused for any set of them.
 */
public final class CompiledSql {

    private final String sql;
    private final List<String> parameterNames;
    private final boolean readsOnly;

    /**
     * Creates a compiled statement.
     *
     * @param sql the SQL text with one {@code ?} per parameter slot
     * @param parameterNames the parameter name of each slot, in order (a name may repeat)
     */
    public CompiledSql(String sql, List<String> parameterNames) {
        this(sql, parameterNames, false);
    }

    /**
     * Creates a compiled statement that may be known to only read.
     *
     * @param sql the SQL text with one {@code ?} per parameter slot
     * @param parameterNames the parameter name of each slot, in order (a name may repeat)
     * @param readsOnly whether the statement is a plain read, as {@link #readsOnly()} describes
     */
    public CompiledSql(String sql, List<String> parameterNames, boolean readsOnly) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.parameterNames = List.copyOf(parameterNames);
        this.readsOnly = readsOnly;
    }

    /**
     * Whether the statement is a plain read: a SELECT built with the expression language that takes no lock
     * and reads nothing fixed at the start of a transaction (such as {@code CURRENT_TIMESTAMP}). Under READ
     * COMMITTED such a statement sees the same rows inside a transaction as outside one, so a connection may
     * run it before its transaction begins. Text statements are never known to be plain reads.
     *
     * @return true for a plain read
     */
    public boolean readsOnly() {
        return readsOnly;
    }

    /** The SQL text as sent to the driver. */
    public String sql() {
        return sql;
    }

    /** The parameter name of each {@code ?} marker, in order. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /**
     * Arranges {@code values} in marker order.
     *
     * @param values the values by parameter name
     * @return one value per marker
     * @throws ArgumentException naming the parameters that have no value
     */
    public Object[] arrange(Map<String, ?> values) {
        Object[] ordered = new Object[parameterNames.size()];
        List<String> missing = null;
        for (int i = 0; i < ordered.length; i++) {
            String name = parameterNames.get(i);
            Object value = values.get(name);
            if (value == null && !values.containsKey(name)) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                if (!missing.contains(name)) {
                    missing.add(name);
                }
            }
            ordered[i] = value;
        }
        if (missing != null) {
            throw new ArgumentException("ATH-E021", "No value bound for parameter(s) " + colonList(missing)
                    + " of statement [" + sql + "]. Bind each with .bind(\"name\", value) before executing"
                    + " (use .bind(\"name\", null) for SQL NULL).");
        }
        return ordered;
    }

    static String colonList(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(':').append(name);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return sql;
    }
}
