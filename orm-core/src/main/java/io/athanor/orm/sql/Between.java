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
        Operation.operand(compiler, operand);
        compiler.append(" BETWEEN ");
        Operation.operand(compiler, low);
        compiler.append(" AND ");
        Operation.operand(compiler, high);
    }

    @Override
    boolean compound() {
        return true;
    }
}
