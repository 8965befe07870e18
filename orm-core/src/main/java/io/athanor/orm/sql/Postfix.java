package io.athanor.orm.sql;

/** {@code expression IS NULL} and the like. */
final class Postfix<T> extends Expression<T> {

    private final Expression<?> operand;
    private final String suffix;

    Postfix(Expression<?> operand, String suffix) {
        this.operand = operand;
        this.suffix = suffix;
    }

    @Override
    void compile(SqlCompiler compiler) {
        Operation.operand(compiler, operand, COMPARE + 1);
        compiler.append(suffix);
    }

    @Override
    int precedence() {
        return COMPARE;
    }
}
