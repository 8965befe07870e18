package io.athanor.orm.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An SQL expression that yields values of type {@code T} (SQLAlchemy's {@code ColumnElement}):
 * a column, a bound value, a function call, an operation. Its methods build larger expressions:
 *
 * <pre>{@code
 * col("name").in("spongebob", "sandy")
 * User_.name.eq("sandy")
 * func.count().gt(1)
 * col("price").times(col("quantity")).as("total")
 * }</pre>
 *
 * <p>Every Java value given to these methods becomes a bound parameter, never SQL text. Expressions
 * are immutable and may be shared.
 *
 * @param <T> the Java type of the expression's values
 */
public abstract class Expression<T> {

    Expression() {
    }

    /** Writes this expression. */
    abstract void compile(SqlCompiler compiler);

    /** The name given to parameters compared with this expression, for logs. */
    String parameterName() {
        return "param";
    }

    /** The column type of values compared with this expression, or null when unknown. */
    SqlType bindType(SqlCompiler compiler) {
        return null;
    }

    /** The label of this expression in a SELECT list, or null. */
    String label() {
        return null;
    }

    /** How tightly the expression's operator binds: operands that bind less tightly get parentheses. */
    int precedence() {
        return ATOMIC;
    }

    static final int ATOMIC = 100;
    static final int MULTIPLY = 9;
    static final int ADD = 8;
    static final int COMPARE = 5;
    static final int NOT = 4;
    static final int AND = 3;
    static final int OR = 2;

    Expression<?> operand(Object value) {
        return value instanceof Expression ? (Expression<?>) value : new BoundValue<>(value, this);
    }

    // ---- comparisons

    /**
     * {@code this = value}; {@code eq(null)} is {@code IS NULL}.
     *
     * @param value a value or an expression
     * @return the condition
     */
    public Expression<Boolean> eq(Object value) {
        return value == null ? isNull() : new Operation<>(this, " = ", operand(value));
    }

    /**
     * {@code this <> value}; {@code ne(null)} is {@code IS NOT NULL}.
     *
     * @param value a value or an expression
     * @return the condition
     */
    public Expression<Boolean> ne(Object value) {
        return value == null ? isNotNull() : new Operation<>(this, " <> ", operand(value));
    }

    /**
     * {@code this < value}.
     *
     * @param value a value or an expression
     * @return the condition
     */
    public Expression<Boolean> lt(Object value) {
        return new Operation<>(this, " < ", operand(value));
    }

    /**
     * {@code this <= value}.
     *
     * @param value a value or an expression
     * @return the condition
     */
    public Expression<Boolean> le(Object value) {
        return new Operation<>(this, " <= ", operand(value));
    }

    /**
     * {@code this > value}.
     *
     * @param value a value or an expression
     * @return the condition
     */
    public Expression<Boolean> gt(Object value) {
        return new Operation<>(this, " > ", operand(value));
    }

    /**
     * {@code this >= value}.
     *
     * @param value a value or an expression
     * @return the condition
     */
    public Expression<Boolean> ge(Object value) {
        return new Operation<>(this, " >= ", operand(value));
    }

    /**
     * {@code this BETWEEN low AND high}.
     *
     * @param low the lower bound, inclusive
     * @param high the upper bound, inclusive
     * @return the condition
     */
    public Expression<Boolean> between(Object low, Object high) {
        return new Between(this, operand(low), operand(high));
    }

    /**
     * {@code this IN (values...)}. An empty list matches no row.
     *
     * @param values the values
     * @return the condition
     */
    public Expression<Boolean> in(Object... values) {
        return in(List.of(values));
    }

    /**
     * {@code this IN (values...)}. An empty collection matches no row.
     *
     * @param values the values
     * @return the condition
     */
    public Expression<Boolean> in(Collection<?> values) {
        List<Expression<?>> operands = new ArrayList<>(values.size());
        for (Object value : values) {
            operands.add(operand(value));
        }
        return new InList(this, operands, false);
    }

    /**
     * {@code this IN (subquery)}.
     *
     * @param subquery a SELECT of one column
     * @return the condition
     */
    public Expression<Boolean> in(Select<?> subquery) {
        return new InSelect(this, subquery, false);
    }

    /**
     * {@code this NOT IN (values...)}. An empty collection matches every row.
     *
     * @param values the values
     * @return the condition
     */
    public Expression<Boolean> notIn(Collection<?> values) {
        List<Expression<?>> operands = new ArrayList<>(values.size());
        for (Object value : values) {
            operands.add(operand(value));
        }
        return new InList(this, operands, true);
    }

    /**
     * {@code this IS NULL}.
     *
     * @return the condition
     */
    public Expression<Boolean> isNull() {
        return new Postfix<>(this, " IS NULL");
    }

    /**
     * {@code this IS NOT NULL}.
     *
     * @return the condition
     */
    public Expression<Boolean> isNotNull() {
        return new Postfix<>(this, " IS NOT NULL");
    }

    // ---- patterns

    /**
     * {@code this LIKE pattern}, the pattern as given ({@code %} and {@code _} are wildcards).
     *
     * @param pattern the pattern
     * @return the condition
     */
    public Expression<Boolean> like(String pattern) {
        return new Like(this, pattern, false, false, false);
    }

    /**
     * {@code this NOT LIKE pattern}.
     *
     * @param pattern the pattern
     * @return the condition
     */
    public Expression<Boolean> notLike(String pattern) {
        return new Like(this, pattern, false, false, true);
    }

    /**
     * Case-insensitive LIKE: {@code ILIKE} where the database has it, else {@code LOWER(this) LIKE LOWER(pattern)}.
     *
     * @param pattern the pattern
     * @return the condition
     */
    public Expression<Boolean> ilike(String pattern) {
        return new Like(this, pattern, true, false, false);
    }

    /**
     * Starts with {@code prefix}, taken literally: {@code %} and {@code _} in it are escaped.
     *
     * @param prefix the prefix
     * @return the condition
     */
    public Expression<Boolean> startsWith(String prefix) {
        return new Like(this, Like.escape(prefix) + "%", false, true, false);
    }

    /**
     * Ends with {@code suffix}, taken literally.
     *
     * @param suffix the suffix
     * @return the condition
     */
    public Expression<Boolean> endsWith(String suffix) {
        return new Like(this, "%" + Like.escape(suffix), false, true, false);
    }

    /**
     * Contains {@code part}, taken literally.
     *
     * @param part the text
     * @return the condition
     */
    public Expression<Boolean> contains(String part) {
        return new Like(this, "%" + Like.escape(part) + "%", false, true, false);
    }

    // ---- arithmetic

    /**
     * {@code this + other}.
     *
     * @param other a value or expression
     * @return the sum
     */
    public Expression<T> plus(Object other) {
        return new Operation<>(this, " + ", operand(other));
    }

    /**
     * {@code this - other}.
     *
     * @param other a value or expression
     * @return the difference
     */
    public Expression<T> minus(Object other) {
        return new Operation<>(this, " - ", operand(other));
    }

    /**
     * {@code this * other}.
     *
     * @param other a value or expression
     * @return the product
     */
    public Expression<T> times(Object other) {
        return new Operation<>(this, " * ", operand(other));
    }

    /**
     * {@code this / other}.
     *
     * @param other a value or expression
     * @return the quotient
     */
    public Expression<T> dividedBy(Object other) {
        return new Operation<>(this, " / ", operand(other));
    }

    // ---- naming, ordering, conversion

    /**
     * Gives the expression a label in a SELECT list ({@code expr AS label}).
     *
     * @param label the label
     * @return the labelled expression
     */
    public Expression<T> as(String label) {
        return new Labeled<>(this, label);
    }

    /**
     * {@code CAST(this AS type)}.
     *
     * @param type the target type
     * @param <R> the Java type of the result
     * @return the cast expression
     */
    public <R> Expression<R> cast(SqlType type) {
        return new Cast<>(this, type);
    }

    /** Ascending order, for {@code orderBy}. */
    public Ordering asc() {
        return new Ordering(this, true, null);
    }

    /** Descending order, for {@code orderBy}. */
    public Ordering desc() {
        return new Ordering(this, false, null);
    }
}
