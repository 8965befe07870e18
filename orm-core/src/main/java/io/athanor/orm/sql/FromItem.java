package io.athanor.orm.sql;

/**
 * Something a statement selects FROM or joins: a mapped class (possibly aliased), a subquery or a
 * common table expression.
 */
public abstract class FromItem {

    FromItem() {
    }

    /** Writes the item as it appears after FROM or JOIN. */
    abstract void compileFrom(SqlCompiler compiler);

    /** The entity behind the item, or null for a subquery or CTE. */
    Scope.EntitySource source() {
        return null;
    }

    /**
     * The names of the item's columns, for checking a {@code col(name)} of a subquery or CTE before any SQL
     * is sent; null when they are not known before execution (an expression without a label).
     */
    java.util.List<String> columnNames(SqlCompiler compiler) {
        return null;
    }

    /** Whether the item is the same FROM entry as another (same entity and alias, or the same object). */
    boolean sameAs(FromItem other) {
        return this == other;
    }
}
