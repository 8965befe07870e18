package io.athanor.orm.sql;

import io.athanor.orm.ArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Works out the FROM list of one SELECT, as SQLAlchemy's FROM inference does: the items given to
 * {@code .from(..)}, then every entity the statement refers to, in the order the clauses are written
 * (selected classes and aliases, the entities whose columns the selected expressions, WHERE, GROUP BY,
 * HAVING and ORDER BY use). An entity that is a join target is left out, and so, in a nested SELECT, is an
 * entity of the enclosing statement: the nested one refers to the enclosing rows (correlation). Entities
 * inside a nested SELECT belong to that SELECT and never reach this one's FROM.
 */
final class FromInference {

    private final List<FromItem> explicit;
    private final List<Object> items;
    private final List<FromItem> joinTargets;
    private final List<Expression<Boolean>> where;
    private final List<Expression<?>> otherClauses;
    private final List<Ordering> orderBy;

    /**
     * @param explicit the {@code .from(..)} items
     * @param items the selected classes, aliases and expressions
     * @param joinTargets what the statement joins
     * @param where the WHERE criteria
     * @param otherClauses GROUP BY and HAVING expressions
     * @param orderBy the ORDER BY items
     */
    FromInference(List<FromItem> explicit, List<Object> items, List<FromItem> joinTargets,
                  List<Expression<Boolean>> where, List<Expression<?>> otherClauses, List<Ordering> orderBy) {
        this.explicit = explicit;
        this.items = items;
        this.joinTargets = joinTargets;
        this.where = where;
        this.otherClauses = otherClauses;
        this.orderBy = orderBy;
    }

    /** The FROM entries, in order. */
    List<FromItem> fromList(SqlCompiler compiler, boolean topLevel) {
        List<FromItem> froms = new ArrayList<>(explicit);
        for (Object item : items) {
            if (item instanceof Class) {
                addImplied(froms, new EntityFrom((Class<?>) item, null), compiler, topLevel);
            } else if (item instanceof EntityFrom) {
                addImplied(froms, (EntityFrom) item, compiler, topLevel);
            }
        }
        SqlCompiler collector = SqlCompiler.collector(compiler.dialect());
        for (Object item : items) {
            if (item instanceof Expression) {
                ((Expression<?>) item).compile(collector);
            }
        }
        where.forEach(criterion -> criterion.compile(collector));
        otherClauses.forEach(expression -> expression.compile(collector));
        orderBy.forEach(ordering -> ordering.compile(collector));
        for (Scope.EntitySource source : collector.collected()) {
            addImplied(froms, new EntityFrom(source.type, source.alias), compiler, topLevel);
        }
        if (froms.isEmpty() && joinTargets.isEmpty() && !where.isEmpty() && topLevel) {
            throw new ArgumentException("ATH-E087", "The statement has WHERE criteria but selects from no table; name"
                    + " the table with .from(Entity.class).");
        }
        return froms;
    }

    /** The entity an unbound {@code col("name")} refers to: the first selected entity, else the first FROM entity. */
    Scope.EntitySource primary(List<FromItem> froms) {
        for (Object item : items) {
            if (item instanceof Class) {
                return new Scope.EntitySource((Class<?>) item, null);
            }
            if (item instanceof EntityFrom) {
                return ((EntityFrom) item).source();
            }
        }
        for (FromItem from : froms) {
            if (from.source() != null) {
                return from.source();
            }
        }
        return null;
    }

    private void addImplied(List<FromItem> froms, FromItem implied, SqlCompiler compiler, boolean topLevel) {
        for (FromItem existing : froms) {
            if (existing.sameAs(implied)) {
                return;
            }
        }
        for (FromItem target : joinTargets) {
            if (target.sameAs(implied)) {
                return;
            }
        }
        if (!topLevel && correlated(compiler, implied)) {
            return;
        }
        froms.add(implied);
    }

    /** Whether an entity of a nested SELECT is one of the enclosing statement's, so it refers to its rows. */
    private static boolean correlated(SqlCompiler compiler, FromItem item) {
        Scope scope = compiler.scope();
        if (scope == null || item.source() == null) {
            return false;
        }
        for (Scope.EntitySource source : scope.sources()) {
            if (source.type == item.source().type && Objects.equals(source.alias, item.source().alias)) {
                return true;
            }
        }
        return false;
    }
}
