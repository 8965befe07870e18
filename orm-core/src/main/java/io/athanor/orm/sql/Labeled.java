package io.athanor.orm.sql;

/** {@code expression AS label} in a SELECT list. */
final class Labeled<T> extends Expression<T> {

    private final Expression<T> expression;
    private final String label;

    Labeled(Expression<T> expression, String label) {
        this.expression = expression;
        this.label = label;
    }

    @Override
    void compile(SqlCompiler compiler) {
        // The SELECT list adds "AS label"; elsewhere (WHERE, ORDER BY) the expression stands for itself.
        expression.compile(compiler);
    }

    @Override
    String label() {
        return label;
    }

    @Override
    int precedence() {
        return expression.precedence();
    }

    @Override
    String parameterName() {
        return expression.parameterName();
    }
}
