package io.athanor.orm.sql;

import java.util.List;

/** Conditions joined by AND or OR, and NOT. */
final class Junction extends Expression<Boolean> {

    private final String operator;
    private final List<Expression<Boolean>> conditions;

    Junction(String operator, List<Expression<Boolean>> conditions) {
        this.operator = operator;
        this.conditions = List.copyOf(conditions);
    }

    @Override
    void compile(SqlCompiler compiler) {
        if (conditions.isEmpty()) {
            // An empty AND is true and an empty OR false, as in SQLAlchemy.
            compiler.append(operator.equals(" AND ") ? "1 = 1" : "1 = 0");
            return;
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) {
                compiler.append(operator);
            }
            Operation.operand(compiler, conditions.get(i), precedence());
        }
    }

    @Override
    int precedence() {
        if (conditions.isEmpty()) {
            return COMPARE;
        }
        return conditions.size() == 1 ? conditions.get(0).precedence() : operator.equals(" AND ") ? AND : OR;
    }

    static final class Not extends Expression<Boolean> {
        private final Expression<Boolean> condition;

        Not(Expression<Boolean> condition) {
            this.condition = condition;
        }

        @Override
        void compile(SqlCompiler compiler) {
            compiler.append("NOT (");
            condition.compile(compiler);
            compiler.append(")");
        }

        @Override
        int precedence() {
            return NOT;
        }
    }
}
