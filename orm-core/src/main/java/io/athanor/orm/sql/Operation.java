package io.athanor.orm.sql;

/** A binary operation: comparison or arithmetic, {@code left op right}. */
final class Operation<T> extends Expression<T> {

    private final Expression<?> left;
    private final String operator;
    private final Expression<?> right;

    Operation(Expression<?> left, String operator, Expression<?> right) {
        this.left = left;
        this.operator = operator;
        this.right = right;
    }

    @Override
    void compile(SqlCompiler compiler) {
        int precedence = precedence();
        operand(compiler, left, precedence);
        compiler.append(operator);
        // The right operand of "-" and "/" needs parentheses at equal precedence too: a - (b - c).
        operand(compiler, right, precedence + (operator.equals(" - ") || operator.equals(" / ") ? 1 : 0));
    }

    @Override
    int precedence() {
        switch (operator) {
            case " * ":
            case " / ":
                return MULTIPLY;
            case " + ":
            case " - ":
                return ADD;
            default:
                return COMPARE;
        }
    }

    /** Writes an operand of an operator of the given precedence, in parentheses when it binds less tightly. */
    static void operand(SqlCompiler compiler, Expression<?> expression, int parentPrecedence) {
        if (expression.precedence() < parentPrecedence) {
            compiler.append("(");
            expression.compile(compiler);
            compiler.append(")");
        } else {
            expression.compile(compiler);
        }
    }

    @Override
    String parameterName() {
        return left.parameterName();
    }
}
