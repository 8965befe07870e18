package io.athanor.orm.sql;

import io.athanor.orm.ArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A SELECT statement (SQLAlchemy's {@code select()}), of entities, of columns and expressions, or of
 * both. Built with {@link Sql#select(Class)} or {@link Sql#select(Object...)} and refined by methods
 * that each return a new statement:
 *
 * <pre>{@code
 * select(User.class).where(col("name").in("spongebob", "sandy")).orderBy(col("id")).limit(5)
 * select(col(Customer.class, "country"), func.count()).groupBy(col(Customer.class, "country")).having(func.count().gt(1))
 * }</pre>
 *
 * The FROM clause follows from the entities the statement names, in its columns, WHERE, GROUP BY, HAVING
 * and ORDER BY (and {@link #from}), as SQLAlchemy infers it; joins along a foreign key infer their ON
 * clause. Immutable.
 *
 * @param <T> what one result of {@code session.scalars(select)} is: the entity for {@code select(User.class)}
 */
public final class Select<T> extends CompilableStatement {

    private static final class Parts {
        List<Object> items = List.of();
        List<FromItem> froms = List.of();
        List<Join> joins = List.of();
        List<Expression<Boolean>> where = List.of();
        List<Expression<?>> groupBy = List.of();
        List<Expression<Boolean>> having = List.of();
        List<Ordering> orderBy = List.of();
        Long limit;
        Long offset;
        boolean distinct;
        LockMode lock;
        List<Object> options = List.of();
        boolean readOnly;
        int yieldPer;

        Parts copy() {
            Parts copy = new Parts();
            copy.items = items;
            copy.froms = froms;
            copy.joins = joins;
            copy.where = where;
            copy.groupBy = groupBy;
            copy.having = having;
            copy.orderBy = orderBy;
            copy.limit = limit;
            copy.offset = offset;
            copy.distinct = distinct;
            copy.lock = lock;
            copy.options = options;
            copy.readOnly = readOnly;
            copy.yieldPer = yieldPer;
            return copy;
        }
    }

    private static final class Join {
        final FromItem target;
        final Expression<Boolean> on;
        final boolean outer;

        Join(FromItem target, Expression<Boolean> on, boolean outer) {
            this.target = target;
            this.on = on;
            this.outer = outer;
        }
    }

    private final Parts parts;

    Select(List<Object> items) {
        this.parts = new Parts();
        for (Object item : items) {
            if (!(item instanceof Class) && !(item instanceof Expression) && !(item instanceof EntityAlias)) {
                throw new ArgumentException("ATH-E083", "select(..) takes mapped classes, aliases and expressions, not "
                        + item + ".");
            }
        }
        this.parts.items = List.copyOf(items);
    }

    private Select(Parts parts) {
        this.parts = parts;
    }

    private static <E> List<E> plus(List<E> list, List<? extends E> more) {
        List<E> copy = new ArrayList<>(list);
        copy.addAll(more);
        return Collections.unmodifiableList(copy);
    }

    // ------------------------------------------------------------------ building

    /**
     * Adds WHERE criteria; several criteria, here or in further calls, combine with AND.
     *
     * @param criteria conditions
     * @return the new statement
     */
    @SafeVarargs
    public final Select<T> where(Expression<Boolean>... criteria) {
        Parts next = parts.copy();
        next.where = plus(parts.where, List.of(criteria));
        return new Select<>(next);
    }

    /**
     * Adds explicit FROM items, for tables that no selected column names (SQLAlchemy's {@code select_from}).
     *
     * @param items mapped classes, aliases, subqueries or CTEs
     * @return the new statement
     */
    public Select<T> from(Object... items) {
        List<FromItem> froms = new ArrayList<>();
        for (Object item : items) {
            froms.add(fromItem(item));
        }
        Parts next = parts.copy();
        next.froms = plus(parts.froms, froms);
        return new Select<>(next);
    }

    /**
     * INNER JOIN along the foreign key between {@code target} and an entity already in the statement; the
     * ON clause is inferred and must be unambiguous.
     *
     * @param target a mapped class or alias
     * @return the new statement
     */
    public Select<T> join(Object target) {
        return addJoin(target, null, false);
    }

    /**
     * INNER JOIN with an explicit ON clause.
     *
     * @param target a mapped class, alias, subquery or CTE
     * @param on the join condition
     * @return the new statement
     */
    public Select<T> join(Object target, Expression<Boolean> on) {
        return addJoin(target, on, false);
    }

    /**
     * LEFT OUTER JOIN along the foreign key; the ON clause is inferred.
     *
     * @param target a mapped class or alias
     * @return the new statement
     */
    public Select<T> outerJoin(Object target) {
        return addJoin(target, null, true);
    }

    /**
     * LEFT OUTER JOIN with an explicit ON clause.
     *
     * @param target a mapped class, alias, subquery or CTE
     * @param on the join condition
     * @return the new statement
     */
    public Select<T> outerJoin(Object target, Expression<Boolean> on) {
        return addJoin(target, on, true);
    }

    private Select<T> addJoin(Object target, Expression<Boolean> on, boolean outer) {
        Parts next = parts.copy();
        next.joins = plus(parts.joins, List.of(new Join(fromItem(target), on, outer)));
        return new Select<>(next);
    }

    /**
     * GROUP BY.
     *
     * @param expressions the grouping expressions
     * @return the new statement
     */
    public Select<T> groupBy(Expression<?>... expressions) {
        Parts next = parts.copy();
        next.groupBy = plus(parts.groupBy, List.of(expressions));
        return new Select<>(next);
    }

    /**
     * HAVING criteria, combined with AND.
     *
     * @param criteria conditions on groups
     * @return the new statement
     */
    @SafeVarargs
    public final Select<T> having(Expression<Boolean>... criteria) {
        Parts next = parts.copy();
        next.having = plus(parts.having, List.of(criteria));
        return new Select<>(next);
    }

    /**
     * ORDER BY: expressions (ascending) or orderings such as {@code col("name").desc().nullsLast()}.
     *
     * @param orderings the order
     * @return the new statement
     */
    public Select<T> orderBy(Object... orderings) {
        List<Ordering> order = new ArrayList<>();
        for (Object ordering : orderings) {
            order.add(Ordering.of(ordering));
        }
        Parts next = parts.copy();
        next.orderBy = plus(parts.orderBy, order);
        return new Select<>(next);
    }

    /**
     * LIMIT: at most {@code count} rows, written the dialect's way and bound as a parameter.
     *
     * @param count the row limit
     * @return the new statement
     */
    public Select<T> limit(long count) {
        Parts next = parts.copy();
        next.limit = count;
        return new Select<>(next);
    }

    /**
     * OFFSET: skip {@code count} rows.
     *
     * @param count rows to skip
     * @return the new statement
     */
    public Select<T> offset(long count) {
        Parts next = parts.copy();
        next.offset = count;
        return new Select<>(next);
    }

    /** SELECT DISTINCT. */
    public Select<T> distinct() {
        Parts next = parts.copy();
        next.distinct = true;
        return new Select<>(next);
    }

    /** FOR UPDATE: lock the selected rows until the transaction ends. */
    public Select<T> forUpdate() {
        return forUpdate(LockMode.WAIT);
    }

    /**
     * FOR UPDATE with NOWAIT or SKIP LOCKED, where the database supports it.
     *
     * @param mode how to treat rows locked by others
     * @return the new statement
     */
    public Select<T> forUpdate(LockMode mode) {
        Parts next = parts.copy();
        next.lock = mode;
        return new Select<>(next);
    }

    /**
     * Loader options for the ORM (relationship loading), kept for the session.
     *
     * @param options the options
     * @return the new statement
     */
    public Select<T> options(Object... options) {
        Parts next = parts.copy();
        next.options = plus(parts.options, List.of(options));
        return new Select<>(next);
    }

    /**
     * Loads the selected entities as plain, untracked objects: the session neither keeps them in its
     * identity map nor takes snapshots of them, so changes to them are never flushed, two queries return
     * different instances for the same row; they are in no session, as detached objects are (adding one
     * to a session writes all its columns). Only their
     * column attributes are filled; relationship fields keep what the class initialises them to (no lazy
     * loading, so no loader options). For reading many rows that are only displayed or exported: it is
     * as fast as a hand-written row mapper. Pending changes are still flushed before the query runs.
     *
     * @return the new statement
     */
    public Select<T> readOnly() {
        Parts next = parts.copy();
        next.readOnly = true;
        return new Select<>(next);
    }

    /**
     * Reads the rows {@code rows} at a time instead of all at once when the query runs (SQLAlchemy's
     * {@code yield_per}): for a result too large to hold, read through {@code stream()} or an iterator. Without
     * it the driver reads the whole result in one round trip, as plain JDBC does, which is faster for what
     * fits in memory. The streamed query runs inside the transaction (PostgreSQL needs one for its cursor).
     * On H2 in embedded mode a result streams only with {@code LAZY_QUERY_EXECUTION=TRUE} in the URL.
     *
     * @param rows rows per round trip, at least 1
     * @return the new statement
     * @throws ArgumentException ({@code ATH-E134}) when {@code rows} is less than 1
     */
    public Select<T> yieldPer(int rows) {
        if (rows < 1) {
            throw new ArgumentException("ATH-E134", "yieldPer(" + rows + ") needs at least 1 row per round trip.");
        }
        Parts next = parts.copy();
        next.yieldPer = rows;
        return new Select<>(next);
    }

    /** The rows per round trip asked for with {@link #yieldPer(int)}, or 0. */
    public int yieldPerRows() {
        return parts.yieldPer;
    }

    /** Whether {@link #readOnly()} was asked for. */
    public boolean isReadOnly() {
        return parts.readOnly;
    }

    /** The loader options given with {@link #options}. */
    public List<Object> loaderOptions() {
        return parts.options;
    }

    /**
     * This SELECT as a table in another statement's FROM or JOIN.
     *
     * @param name the subquery's alias
     * @return the subquery
     */
    public Subquery subquery(String name) {
        return new Subquery(this, name);
    }

    /**
     * This SELECT as a single value, {@code (SELECT ...)}, e.g. in a comparison or the SELECT list. Inside
     * another statement, entities it shares with that statement are correlated.
     *
     * @param <V> the value's type
     * @return the scalar subquery
     */
    public <V> Expression<V> scalarSubquery() {
        return new ScalarSubquery<>(this);
    }

    /**
     * This SELECT as a common table expression.
     *
     * @param name the CTE's name
     * @return the CTE
     */
    public Cte cte(String name) {
        return new Cte(name, this, null);
    }

    /**
     * {@code this UNION other}: distinct rows of both.
     *
     * @param other a SELECT with the same columns
     * @return the compound statement
     */
    public CompoundSelect union(Select<?> other) {
        return new CompoundSelect(List.of(this, other), false);
    }

    /**
     * {@code this UNION ALL other}: all rows of both.
     *
     * @param other a SELECT with the same columns
     * @return the compound statement
     */
    public CompoundSelect unionAll(Select<?> other) {
        return new CompoundSelect(List.of(this, other), true);
    }

    /**
     * This SELECT with one more entity, joined with LEFT OUTER JOIN: how the ORM loads a relationship in
     * the same query (joined loading). The extra entity's columns follow the selected ones.
     *
     * @param alias the related entity, under an anonymous alias
     * @param on the join condition
     * @param order orderings appended after the statement's own, so that related rows come grouped
     * @param inner whether to use an INNER JOIN (objects without a related one are left out) instead of
     *              LEFT OUTER JOIN
     * @return the new statement
     */
    public Select<T> withJoinedEntity(EntityAlias<?> alias, Expression<Boolean> on, List<Ordering> order,
                                      boolean inner) {
        Parts next = parts.copy();
        next.items = plus(parts.items, List.of(alias));
        next.joins = plus(parts.joins, List.of(new Join(alias, on, !inner)));
        next.orderBy = plus(parts.orderBy, order);
        return new Select<>(next);
    }

    /** Whether the statement has a LIMIT or OFFSET. */
    public boolean limited() {
        return parts.limit != null || parts.offset != null;
    }

    /** The selected items: mapped classes, aliases and expressions, in order. */
    public List<Object> items() {
        return parts.items;
    }

    /** The combined WHERE criteria, or null when there are none. */
    public Expression<Boolean> whereClause() {
        return parts.where.isEmpty() ? null : parts.where.size() == 1 ? parts.where.get(0)
                : new Junction(" AND ", parts.where);
    }

    // ------------------------------------------------------------------ compiling

    static FromItem fromItem(Object item) {
        if (item instanceof FromItem) {
            return (FromItem) item;
        }
        if (item instanceof Class) {
            return new EntityFrom((Class<?>) item, null);
        }
        throw new ArgumentException("ATH-E083", "A FROM or JOIN item must be a mapped class, an alias, a subquery or a"
                + " CTE, not " + item + ".");
    }

    @Override
    void compileTo(SqlCompiler compiler) {
        compiler.selectStatement();
        List<Cte> ctes = new ArrayList<>();
        collectCtes(ctes);
        if (!ctes.isEmpty()) {
            boolean recursive = ctes.stream().anyMatch(Cte::recursive);
            compiler.append(recursive ? "WITH RECURSIVE " : "WITH ");
            for (int i = 0; i < ctes.size(); i++) {
                if (i > 0) {
                    compiler.append(", ");
                }
                ctes.get(i).compileDefinition(compiler);
            }
            compiler.append(" ");
        }
        compileSelect(compiler, true);
    }

    private void collectCtes(List<Cte> ctes) {
        List<FromItem> all = new ArrayList<>(parts.froms);
        parts.joins.forEach(join -> all.add(join.target));
        for (FromItem item : all) {
            if (item instanceof Cte && ctes.stream().noneMatch(existing -> existing.sameAs(item))) {
                ctes.add((Cte) item);
            }
        }
    }

    /** Writes this SELECT inside another statement (subquery, IN, EXISTS, CTE body). */
    void compileNested(SqlCompiler compiler) {
        compileSelect(compiler, false);
    }

    private void compileSelect(SqlCompiler compiler, boolean topLevel) {
        List<FromItem> froms = fromList(compiler, topLevel);
        List<Scope.EntitySource> sources = new ArrayList<>();
        for (FromItem from : froms) {
            if (from.source() != null) {
                sources.add(from.source());
            }
        }
        for (Join join : parts.joins) {
            if (join.target.source() != null) {
                sources.add(join.target.source());
            }
        }
        compiler.pushScope(new Scope(primary(froms), sources, true));
        try {
            compiler.append("SELECT ");
            if (parts.distinct) {
                compiler.append("DISTINCT ");
            }
            compileItems(compiler, topLevel);
            if (!froms.isEmpty()) {
                compiler.append(" FROM ");
                for (int i = 0; i < froms.size(); i++) {
                    if (i > 0) {
                        compiler.append(", ");
                    }
                    froms.get(i).compileFrom(compiler);
                }
            }
            compileJoins(compiler, froms);
            Clauses.conditions(compiler, " WHERE ", parts.where);
            if (!parts.groupBy.isEmpty()) {
                compiler.append(" GROUP BY ");
                for (int i = 0; i < parts.groupBy.size(); i++) {
                    if (i > 0) {
                        compiler.append(", ");
                    }
                    parts.groupBy.get(i).compile(compiler);
                }
            }
            Clauses.conditions(compiler, " HAVING ", parts.having);
            Clauses.orderBy(compiler, parts.orderBy);
            Clauses.limit(compiler, parts.limit, parts.offset);
            if (parts.lock != null) {
                compiler.needsTransaction();
                compiler.append(compiler.dialect().forUpdateClause(parts.lock));
            }
        } finally {
            compiler.popScope();
        }
    }

    private void compileItems(SqlCompiler compiler, boolean topLevel) {
        if (parts.items.isEmpty()) {
            throw new ArgumentException("ATH-E083", "select() needs at least one mapped class or expression.");
        }
        List<ResultSlot> slots = new ArrayList<>();
        int column = 0;
        for (int i = 0; i < parts.items.size(); i++) {
            if (i > 0) {
                compiler.append(", ");
            }
            Object item = parts.items.get(i);
            if (item instanceof Expression) {
                Expression<?> expression = (Expression<?>) item;
                expression.compile(compiler);
                if (expression instanceof Labeled || expression instanceof ScalarSubquery && expression.label() != null) {
                    compiler.append(" AS ").identifier(expression.label());
                }
                slots.add(new ResultSlot(null, column++, 1, expression.label() == null ? "column" + column
                        : expression.label()));
            } else {
                EntityFrom entity = item instanceof EntityFrom ? (EntityFrom) item : new EntityFrom((Class<?>) item, null);
                if (compiler.keyMode()) {
                    compiler.append("E:").append(entity.type.getName()).append("/" + entity.alias);
                    continue;
                }
                List<String> attributes = compiler.entity(entity.type).attributeNames();
                for (int a = 0; a < attributes.size(); a++) {
                    if (a > 0) {
                        compiler.append(", ");
                    }
                    compiler.entityColumn(entity.type, entity.alias, attributes.get(a), true);
                }
                slots.add(new ResultSlot(entity.type, column, attributes.size(), entity.type.getSimpleName()));
                column += attributes.size();
            }
        }
        if (topLevel) {
            compiler.recordSlots(slots);
        }
    }

    private FromInference fromInference() {
        List<FromItem> joinTargets = new ArrayList<>();
        parts.joins.forEach(join -> joinTargets.add(join.target));
        List<Expression<?>> groupingClauses = new ArrayList<>(parts.groupBy);
        groupingClauses.addAll(parts.having);
        return new FromInference(parts.froms, parts.items, joinTargets, parts.where, groupingClauses, parts.orderBy);
    }

    private List<FromItem> fromList(SqlCompiler compiler, boolean topLevel) {
        return fromInference().fromList(compiler, topLevel);
    }

    /**
     * The names of the columns this SELECT returns, for checking {@code sub.col(name)}; null when one is
     * not known before execution (an expression without a label, an entity no resolver knows).
     */
    List<String> knownOutputNames(SqlCompiler compiler) {
        try {
            return outputNames(compiler);
        } catch (io.athanor.orm.OrmException unknown) {
            return null;
        }
    }

    List<String> outputNames(SqlCompiler compiler) {
        List<String> names = new ArrayList<>();
        for (Object item : parts.items) {
            if (item instanceof ColumnRef) {
                ColumnRef<?> ref = (ColumnRef<?>) item;
                Class<?> type = ref.entity() != null ? ref.entity() : primarySource(compiler).type;
                names.add(compiler.keyMode() ? ref.attribute() : compiler.entity(type).columnName(ref.attribute()));
            } else if (item instanceof Expression && ((Expression<?>) item).label() != null) {
                names.add(((Expression<?>) item).label());
            } else if (item instanceof Expression) {
                throw new ArgumentException("ATH-E083", "A column of a recursive CTE needs a name: label the expression"
                        + " with .as(\"name\").");
            } else {
                Class<?> type = item instanceof EntityFrom ? ((EntityFrom) item).type : (Class<?>) item;
                if (compiler.keyMode()) {
                    names.add(type.getName());
                } else {
                    for (String attribute : compiler.entity(type).attributeNames()) {
                        names.add(compiler.entity(type).columnName(attribute));
                    }
                }
            }
        }
        return names;
    }

    /** The entity an unbound column of this SELECT refers to, judged from its clauses and FROM alone. */
    Scope.EntitySource primarySource(SqlCompiler compiler) {
        return primary(fromList(compiler, true));
    }

    private Scope.EntitySource primary(List<FromItem> froms) {
        return fromInference().primary(froms);
    }

    private void compileJoins(SqlCompiler compiler, List<FromItem> froms) {
        List<FromItem> joined = new ArrayList<>(froms);
        for (Join join : parts.joins) {
            compiler.append(join.outer ? " LEFT OUTER JOIN " : " JOIN ");
            join.target.compileFrom(compiler);
            compiler.append(" ON ");
            if (join.on != null) {
                join.on.compile(compiler);
            } else {
                JoinInference.compileOn(compiler, joined, join.target);
            }
            joined.add(join.target);
        }
    }
}
