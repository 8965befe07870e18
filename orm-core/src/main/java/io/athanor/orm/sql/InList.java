package io.athanor.orm.sql;

import java.util.List;

/** {@code expression [NOT] IN (values)}; an empty list is never true (or, negated, always true). */
final class InList extends Expression<Boolean> {

    private final Expression<?> operand;
    private final List<Expression<?>> values;
    private final boolean negated;

    InList(Expression<?> operand, List<Expression<?>> values, boolean negated) {
        this.operand = operand;
        this.values = List.copyOf(values);
        this.negated = negated;
    }

    @Override
    void compile(SqlCompiler compiler) {
        if (values.isEmpty()) {
            // IN () is not valid SQL; an empty set contains nothing (SQLAlchemy's "empty IN" expression).
            compiler.append(negated ? "1 = 1" : "1 = 0");
            return;
        }
        Operation.operand(compiler, operand, COMPARE + 1);
        compiler.append(negated ? " NOT IN (" : " IN (");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                compiler.append(", ");
            }
            values.get(i).compile(compiler);
        }
        compiler.append(")");
    }

    @Override
    int precedence() {
        return COMPARE;
    }
}
