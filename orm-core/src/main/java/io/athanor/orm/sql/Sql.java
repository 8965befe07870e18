package io.athanor.orm.sql;

import java.util.List;

/**
 * The entry point of the SQL expression language: static factories for statements, meant to be
 * imported statically.
 *
 * <pre>{@code
 * import static io.athanor.orm.sql.Sql.text;
 *
 * conn.execute(text("insert into salesperson values (:id, :name)").bind("id", 1).bind("name", "John Doe"));
 * }</pre>
 */
public final class Sql {

    /** SQL functions: {@code func.count()}, {@code func.sum(..)}, {@code func.lower(..)}, ... */
    public static final Functions func = new Functions();

    private Sql() {
    }

    /**
     * SELECT of a mapped class: {@code session.scalars(select(User.class))} returns {@code User}s.
     *
     * @param entity the mapped class
     * @param <T> the class
     * @return the statement
     */
    public static <T> Select<T> select(Class<T> entity) {
        return new Select<>(List.of(entity));
    }

    /**
     * SELECT of several items: mapped classes, aliases and expressions; the result's rows hold one
     * value (or object) per item.
     *
     * @param items the items
     * @return the statement
     */
    public static Select<Object> select(Object... items) {
        return new Select<>(List.of(items));
    }

    /**
     * An attribute of the statement's selected entity, resolved when the statement is compiled.
     *
     * @param attribute the attribute (field) name
     * @param <T> its Java type
     * @return the column reference
     */
    public static <T> ColumnRef<T> col(String attribute) {
        return new ColumnRef<>(null, null, attribute);
    }

    /**
     * An attribute of a mapped class.
     *
     * @param entity the class
     * @param attribute the attribute (field) name
     * @param <T> its Java type
     * @return the column reference
     */
    public static <T> ColumnRef<T> col(Class<?> entity, String attribute) {
        return new ColumnRef<>(entity, null, attribute);
    }

    /**
     * A mapped class under an alias, to use it twice in one statement.
     *
     * @param entity the class
     * @param alias the alias
     * @param <T> the class
     * @return the alias
     */
    public static <T> EntityAlias<T> alias(Class<T> entity, String alias) {
        return new EntityAlias<>(entity, alias);
    }

    /**
     * A Java value as a bound parameter, where an expression is expected.
     *
     * @param value the value
     * @param <T> its type
     * @return the expression
     */
    public static <T> Expression<T> value(T value) {
        return new BoundValue<>(value, null);
    }

    /**
     * All conditions (AND). With none, true.
     *
     * @param conditions the conditions
     * @return the conjunction
     */
    @SafeVarargs
    public static Expression<Boolean> and(Expression<Boolean>... conditions) {
        return new Junction(" AND ", List.of(conditions));
    }

    /**
     * Any of the conditions (OR). With none, false.
     *
     * @param conditions the conditions
     * @return the disjunction
     */
    @SafeVarargs
    public static Expression<Boolean> or(Expression<Boolean>... conditions) {
        return new Junction(" OR ", List.of(conditions));
    }

    /**
     * NOT condition.
     *
     * @param condition the condition
     * @return its negation
     */
    public static Expression<Boolean> not(Expression<Boolean> condition) {
        return new Junction.Not(condition);
    }

    /**
     * EXISTS (subquery); entities shared with the enclosing statement are correlated.
     *
     * @param subquery the SELECT
     * @return the condition
     */
    public static Expression<Boolean> exists(Select<?> subquery) {
        return new ScalarSubquery.Exists(subquery);
    }

    /**
     * The first branch of a CASE expression; add more with {@link Case#when} and the default with
     * {@link Case#otherwise}.
     *
     * @param condition the condition
     * @param result its value or expression
     * @param <T> the type of the values
     * @return the CASE expression
     */
    public static <T> Case<T> caseWhen(Expression<Boolean> condition, Object result) {
        return new Case<T>(List.of(), List.of(), null).when(condition, result);
    }

    /**
     * {@code CAST(expression AS type)}.
     *
     * @param expression the expression
     * @param type the target type
     * @param <T> the Java type of the result
     * @return the cast expression
     */
    public static <T> Expression<T> cast(Expression<?> expression, SqlType type) {
        return expression.cast(type);
    }

    /**
     * INSERT into a mapped class's table.
     *
     * @param entity the class
     * @return the statement
     */
    public static Insert insert(Class<?> entity) {
        return new Insert(entity);
    }

    /**
     * UPDATE of a mapped class's rows.
     *
     * @param entity the class
     * @return the statement
     */
    public static Update update(Class<?> entity) {
        return new Update(entity);
    }

    /**
     * DELETE of a mapped class's rows.
     *
     * @param entity the class
     * @return the statement
     */
    public static Delete delete(Class<?> entity) {
        return new Delete(entity);
    }

    /**
     * {@code first UNION second}.
     *
     * @param first a SELECT
     * @param second a SELECT with the same columns
     * @return the compound statement
     */
    public static CompoundSelect union(Select<?> first, Select<?> second) {
        return first.union(second);
    }

    /**
     * {@code first UNION ALL second}.
     *
     * @param first a SELECT
     * @param second a SELECT with the same columns
     * @return the compound statement
     */
    public static CompoundSelect unionAll(Select<?> first, Select<?> second) {
        return first.unionAll(second);
    }

    /**
     * A textual statement with {@code :named} parameters (SQLAlchemy's {@code text()}).
     *
     * @param sql the SQL text
     * @return the statement, with no values bound yet
     * @throws io.athanor.orm.ArgumentException when the text is empty or uses positional {@code ?}
     */
    public static TextClause text(String sql) {
        return new TextClause(sql);
    }
}
