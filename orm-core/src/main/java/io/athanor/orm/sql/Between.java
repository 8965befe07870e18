package io.athanor.orm.sql;

/** {@code expression BETWEEN low AND high}. */
final class Between extends Expression<Boolean> {

    private final Expression<?> operand;
    private final Expression<?> low;
    private final Expression<?> high;

    Between(Expression<?> operand, Expression<?> low, Expression<?> high) {
        this.operand = operand;
        this.low = low;
        this.high = high;
    }

    @Override
    void compile(SqlCompiler compiler) {
        Operation.operand(compiler, operand, COMPARE + 1);
        compiler.append(" BETWEEN ");
        Operation.operand(compiler, low, COMPARE + 1);
        compiler.append(" AND ");
        Operation.operand(compiler, high, COMPARE + 1);
    }

    @Override
    int precedence() {
        return COMPARE;
    }
}
