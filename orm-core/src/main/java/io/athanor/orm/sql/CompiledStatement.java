package io.athanor.orm.sql;

import java.util.List;

/**
 * A statement of the expression language compiled for one dialect: its SQL with parameter markers, the
 * name of each parameter (for logs), and the shape of its result. Holds no values, so it is cached and
 * shared by every statement of the same structure (SQLAlchemy's compiled cache).
 */
public final class CompiledStatement {

    private final CompiledSql sql;
    private final List<ResultSlot> slots;

    CompiledStatement(CompiledSql sql, List<ResultSlot> slots) {
        this.sql = sql;
        this.slots = List.copyOf(slots);
    }

    /** The SQL text and parameter names. */
    public CompiledSql sql() {
        return sql;
    }

    /** The result's items, for a SELECT; empty for DML without RETURNING. */
    public List<ResultSlot> slots() {
        return slots;
    }

    /** Whether any slot of the result is an entity. */
    public boolean hasEntities() {
        for (ResultSlot slot : slots) {
            if (slot.entity() != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return sql.sql();
    }
}
