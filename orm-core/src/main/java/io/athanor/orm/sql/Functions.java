package io.athanor.orm.sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL functions (SQLAlchemy's {@code func}), available as {@link Sql#func}:
 * {@code func.count()}, {@code func.sum(col("amount"))}, {@code func.lower(col("name"))}. Each is written
 * in a form every supported database understands.
 */
public final class Functions {

    Functions() {
    }

    private static <T> Expression<T> call(String name, Object... arguments) {
        List<Expression<?>> operands = new ArrayList<>(arguments.length);
        for (Object argument : arguments) {
            operands.add(argument instanceof Expression ? (Expression<?>) argument : new BoundValue<>(argument, null));
        }
        return new FunctionCall<>(name, operands, false);
    }

    /** {@code COUNT(*)}: the number of rows. */
    public Expression<Long> count() {
        return new FunctionCall<>("COUNT", List.of(), false);
    }

    /**
     * {@code COUNT(expression)}: the number of non-null values.
     *
     * @param expression the expression
     * @return the count
     */
    public Expression<Long> count(Expression<?> expression) {
        return new FunctionCall<>("COUNT", List.of(expression), false);
    }

    /**
     * {@code COUNT(DISTINCT expression)}.
     *
     * @param expression the expression
     * @return the count of distinct values
     */
    public Expression<Long> countDistinct(Expression<?> expression) {
        return new FunctionCall<>("COUNT", List.of(expression), true);
    }

    /**
     * {@code SUM(expression)}.
     *
     * @param expression the expression
     * @param <T> its type
     * @return the sum
     */
    public <T> Expression<T> sum(Expression<T> expression) {
        return call("SUM", expression);
    }

    /**
     * {@code AVG(expression)}.
     *
     * @param expression the expression
     * @return the average
     */
    public Expression<BigDecimal> avg(Expression<?> expression) {
        return call("AVG", expression);
    }

    /**
     * {@code MIN(expression)}.
     *
     * @param expression the expression
     * @param <T> its type
     * @return the minimum
     */
    public <T> Expression<T> min(Expression<T> expression) {
        return call("MIN", expression);
    }

    /**
     * {@code MAX(expression)}.
     *
     * @param expression the expression
     * @param <T> its type
     * @return the maximum
     */
    public <T> Expression<T> max(Expression<T> expression) {
        return call("MAX", expression);
    }

    /**
     * {@code COALESCE(first, others...)}: the first non-null value.
     *
     * @param first an expression
     * @param others further expressions or values
     * @param <T> the type
     * @return the expression
     */
    public <T> Expression<T> coalesce(Expression<T> first, Object... others) {
        Object[] arguments = new Object[others.length + 1];
        arguments[0] = first;
        System.arraycopy(others, 0, arguments, 1, others.length);
        return call("COALESCE", arguments);
    }

    /**
     * {@code LOWER(expression)}.
     *
     * @param expression a string expression
     * @return the lower-cased string
     */
    public Expression<String> lower(Expression<?> expression) {
        return call("LOWER", expression);
    }

    /**
     * {@code UPPER(expression)}.
     *
     * @param expression a string expression
     * @return the upper-cased string
     */
    public Expression<String> upper(Expression<?> expression) {
        return call("UPPER", expression);
    }

    /**
     * {@code CHAR_LENGTH(expression)}: the length in characters.
     *
     * @param expression a string expression
     * @return the length
     */
    public Expression<Integer> length(Expression<?> expression) {
        return call("CHAR_LENGTH", expression);
    }

    /**
     * {@code TRIM(expression)}.
     *
     * @param expression a string expression
     * @return the trimmed string
     */
    public Expression<String> trim(Expression<?> expression) {
        return call("TRIM", expression);
    }

    /**
     * {@code SUBSTRING(expression, start, length)}, 1-based.
     *
     * @param expression a string expression
     * @param start the first character, from 1
     * @param length how many characters
     * @return the substring
     */
    public Expression<String> substring(Expression<?> expression, int start, int length) {
        return call("SUBSTRING", expression, start, length);
    }

    /**
     * {@code CONCAT(parts...)}.
     *
     * @param parts expressions or values
     * @return the concatenation
     */
    public Expression<String> concat(Object... parts) {
        return call("CONCAT", parts);
    }

    /**
     * {@code ABS(expression)}.
     *
     * @param expression a number
     * @param <T> its type
     * @return the absolute value
     */
    public <T> Expression<T> abs(Expression<T> expression) {
        return call("ABS", expression);
    }

    /**
     * {@code MOD(dividend, divisor)}.
     *
     * @param dividend a number
     * @param divisor a number or expression
     * @param <T> the type
     * @return the remainder
     */
    public <T> Expression<T> mod(Expression<T> dividend, Object divisor) {
        return call("MOD", dividend, divisor);
    }

    /**
     * {@code ROUND(expression, digits)}.
     *
     * @param expression a number
     * @param digits digits after the decimal point
     * @param <T> the type
     * @return the rounded number
     */
    public <T> Expression<T> round(Expression<T> expression, int digits) {
        return call("ROUND", expression, digits);
    }

    /** {@code CURRENT_DATE}. */
    public Expression<LocalDate> currentDate() {
        return new Keyword<>("CURRENT_DATE");
    }

    /** {@code CURRENT_TIMESTAMP}. */
    public Expression<OffsetDateTime> currentTimestamp() {
        return new Keyword<>("CURRENT_TIMESTAMP");
    }

    /**
     * {@code EXTRACT(field FROM expression)}.
     *
     * @param field e.g. {@code YEAR}, {@code MONTH}, {@code DAY}, {@code HOUR}
     * @param expression a date or timestamp
     * @return the number
     */
    public Expression<Integer> extract(DatePart field, Expression<?> expression) {
        return new Extract(field, expression);
    }

    /** Parts of a date or time, for {@link #extract}. */
    public enum DatePart {
        /** The year. */
        YEAR,
        /** The month, 1 to 12. */
        MONTH,
        /** The day of the month. */
        DAY,
        /** The hour, 0 to 23. */
        HOUR,
        /** The minute. */
        MINUTE
    }

    /** A niladic SQL keyword such as CURRENT_DATE. */
    static final class Keyword<T> extends Expression<T> {
        private final String keyword;

        Keyword(String keyword) {
            this.keyword = keyword;
        }

        @Override
        void compile(SqlCompiler compiler) {
            // CURRENT_DATE and CURRENT_TIMESTAMP are the transaction's start on PostgreSQL: only inside one
            // do two statements agree on them.
            compiler.needsTransaction();
            compiler.append(keyword);
        }
    }

    /** EXTRACT(part FROM expression). */
    static final class Extract extends Expression<Integer> {
        private final DatePart part;
        private final Expression<?> expression;

        Extract(DatePart part, Expression<?> expression) {
            this.part = part;
            this.expression = expression;
        }

        @Override
        void compile(SqlCompiler compiler) {
            compiler.append("EXTRACT(").append(part.name()).append(" FROM ");
            expression.compile(compiler);
            compiler.append(")");
        }
    }
}
