package io.athanor.orm.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code CASE WHEN condition THEN value ... ELSE value END}, built with {@link Sql#caseWhen}:
 *
 * <pre>{@code
 * Sql.caseWhen(col("score").ge(90), "A").when(col("score").ge(80), "B").otherwise("C").as("grade")
 * }</pre>
 *
 * @param <T> the type of the values
 */
public final class Case<T> extends Expression<T> {

    private final List<Expression<Boolean>> conditions;
    private final List<Expression<?>> results;
    private final Expression<?> otherwise;

    Case(List<Expression<Boolean>> conditions, List<Expression<?>> results, Expression<?> otherwise) {
        this.conditions = List.copyOf(conditions);
        this.results = List.copyOf(results);
        this.otherwise = otherwise;
    }

    /**
     * Adds a branch.
     *
     * @param condition the condition
     * @param result its value or expression
     * @return the extended CASE
     */
    public Case<T> when(Expression<Boolean> condition, Object result) {
        List<Expression<Boolean>> moreConditions = new ArrayList<>(conditions);
        moreConditions.add(condition);
        List<Expression<?>> moreResults = new ArrayList<>(results);
        moreResults.add(operand(result));
        return new Case<>(moreConditions, moreResults, otherwise);
    }

    /**
     * Sets the ELSE value.
     *
     * @param result the value or expression when no branch matches
     * @return the complete CASE
     */
    public Case<T> otherwise(Object result) {
        return new Case<>(conditions, results, operand(result));
    }

    @Override
    void compile(SqlCompiler compiler) {
        compiler.append("CASE");
        for (int i = 0; i < conditions.size(); i++) {
            compiler.append(" WHEN ");
            conditions.get(i).compile(compiler);
            compiler.append(" THEN ");
            results.get(i).compile(compiler);
        }
        if (otherwise != null) {
            compiler.append(" ELSE ");
            otherwise.compile(compiler);
        }
        compiler.append(" END");
    }
}
