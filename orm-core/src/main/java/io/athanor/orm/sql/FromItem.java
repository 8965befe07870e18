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

    /** Whether the item is the same FROM entry as another (same entity and alias, or the same object). */
    boolean sameAs(FromItem other) {
        return this == other;
    }
}
