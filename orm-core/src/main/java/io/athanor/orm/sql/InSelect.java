package io.athanor.orm.sql;

/** {@code expression [NOT] IN (SELECT ...)}. */
final class InSelect extends Expression<Boolean> {

    private final Expression<?> operand;
    private final Select<?> subquery;
    private final boolean negated;

    InSelect(Expression<?> operand, Select<?> subquery, boolean negated) {
        this.operand = operand;
        this.subquery = subquery;
        this.negated = negated;
    }

    @Override
    void compile(SqlCompiler compiler) {
        Operation.operand(compiler, operand, COMPARE + 1);
        compiler.append(negated ? " NOT IN (" : " IN (");
        subquery.compileNested(compiler);
        compiler.append(")");
    }

    @Override
    int precedence() {
        return COMPARE;
    }
}
