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
        operand(compiler, left);
        compiler.append(operator);
        operand(compiler, right);
    }

    static void operand(SqlCompiler compiler, Expression<?> expression) {
        if (expression.compound()) {
            compiler.append("(");
            expression.compile(compiler);
            compiler.append(")");
        } else {
            expression.compile(compiler);
        }
    }

    @Override
    boolean compound() {
        return true;
    }

    @Override
    String parameterName() {
        return left.parameterName();
    }
}
