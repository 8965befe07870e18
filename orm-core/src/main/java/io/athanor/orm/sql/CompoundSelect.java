package io.athanor.orm.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SELECT ... UNION [ALL] SELECT ...}, with ORDER BY and LIMIT over the whole (SQLAlchemy's
 * {@code union()} / {@code union_all()}). Order by the columns' names: {@code orderBy(col("name"))}.
 */
public final class CompoundSelect extends CompilableStatement {

    private final List<Select<?>> selects;
    private final boolean all;
    private final List<Ordering> orderBy;
    private final Long limit;
    private final Long offset;

    CompoundSelect(List<Select<?>> selects, boolean all) {
        this(selects, all, List.of(), null, null);
    }

    private CompoundSelect(List<Select<?>> selects, boolean all, List<Ordering> orderBy, Long limit, Long offset) {
        this.selects = List.copyOf(selects);
        this.all = all;
        this.orderBy = List.copyOf(orderBy);
        this.limit = limit;
        this.offset = offset;
    }

    /**
     * Adds another SELECT with the same operator.
     *
     * @param other a SELECT with the same columns
     * @return the new statement
     */
    public CompoundSelect union(Select<?> other) {
        List<Select<?>> more = new ArrayList<>(selects);
        more.add(other);
        return new CompoundSelect(more, all, orderBy, limit, offset);
    }

    /**
     * ORDER BY over the combined rows.
     *
     * @param orderings expressions or orderings, by column name
     * @return the new statement
     */
    public CompoundSelect orderBy(Object... orderings) {
        List<Ordering> order = new ArrayList<>(orderBy);
        for (Object ordering : orderings) {
            order.add(Ordering.of(ordering));
        }
        return new CompoundSelect(selects, all, order, limit, offset);
    }

    /**
     * LIMIT over the combined rows.
     *
     * @param count the row limit
     * @return the new statement
     */
    public CompoundSelect limit(long count) {
        return new CompoundSelect(selects, all, orderBy, count, offset);
    }

    /**
     * OFFSET over the combined rows.
     *
     * @param count rows to skip
     * @return the new statement
     */
    public CompoundSelect offset(long count) {
        return new CompoundSelect(selects, all, orderBy, limit, count);
    }

    @Override
    void compileTo(SqlCompiler compiler) {
        for (int i = 0; i < selects.size(); i++) {
            if (i > 0) {
                compiler.append(all ? " UNION ALL " : " UNION ");
            }
            if (i == 0) {
                selects.get(0).compileTo(compiler);
            } else {
                selects.get(i).compileNested(compiler);
            }
        }
        // The combined rows have column names only: order by them unqualified.
        compiler.pushScope(new Scope(selects.get(0).primarySource(compiler), List.of(), false));
        try {
            Clauses.orderBy(compiler, orderBy);
        } finally {
            compiler.popScope();
        }
        Clauses.limit(compiler, limit, offset);
    }
}
