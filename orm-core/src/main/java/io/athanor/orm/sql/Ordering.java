package io.athanor.orm.sql;

/**
 * An ORDER BY item: an expression, ascending or descending, optionally with NULLs first or last
 * (emulated where the database has no {@code NULLS FIRST}).
 */
public final class Ordering {

    private final Expression<?> expression;
    private final boolean ascending;
    private final Boolean nullsFirst;

    Ordering(Expression<?> expression, boolean ascending, Boolean nullsFirst) {
        this.expression = expression;
        this.ascending = ascending;
        this.nullsFirst = nullsFirst;
    }

    /** NULLs before other values. */
    public Ordering nullsFirst() {
        return new Ordering(expression, ascending, true);
    }

    /** NULLs after other values. */
    public Ordering nullsLast() {
        return new Ordering(expression, ascending, false);
    }

    void compile(SqlCompiler compiler) {
        if (nullsFirst != null && !compiler.dialect().supportsNullsOrdering()) {
            // "x IS NULL" sorts false (0) before true (1): DESC puts NULLs first.
            Operation.operand(compiler, expression, Expression.COMPARE);
            compiler.append(nullsFirst ? " IS NULL DESC, " : " IS NULL ASC, ");
        }
        Operation.operand(compiler, expression, Expression.COMPARE);
        compiler.append(ascending ? " ASC" : " DESC");
        if (nullsFirst != null && compiler.dialect().supportsNullsOrdering()) {
            compiler.append(nullsFirst ? " NULLS FIRST" : " NULLS LAST");
        }
    }

    static Ordering of(Object item) {
        if (item instanceof Ordering) {
            return (Ordering) item;
        }
        if (item instanceof Expression) {
            return new Ordering((Expression<?>) item, true, null);
        }
        throw new io.athanor.orm.ArgumentException("ATH-E083", "orderBy(..) takes expressions or orderings such as"
                + " col(\"name\").desc(), not " + item + ".");
    }
}
