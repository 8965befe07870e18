package io.athanor.orm.sql;

import java.util.List;

/** A compiled statement together with the values of one execution, in marker order. */
public final class BoundStatement {

    private final CompiledStatement compiled;
    private final Object[] values;

    BoundStatement(CompiledStatement compiled, List<Object> values) {
        this.compiled = compiled;
        this.values = values.toArray();
    }

    /** The compiled statement (shared through the cache). */
    public CompiledStatement compiled() {
        return compiled;
    }

    /** The values, one per marker. */
    public Object[] values() {
        return values.clone();
    }
}
