package io.athanor.orm.sql;

import java.util.List;

/** {@code NAME(arguments)}, with {@code DISTINCT} or {@code *} where asked. */
final class FunctionCall<T> extends Expression<T> {

    private final String name;
    private final List<Expression<?>> arguments;
    private final boolean distinct;

    FunctionCall(String name, List<Expression<?>> arguments, boolean distinct) {
        this.name = name;
        this.arguments = List.copyOf(arguments);
        this.distinct = distinct;
    }

    @Override
    void compile(SqlCompiler compiler) {
        compiler.append(name).append("(");
        if (distinct) {
            compiler.append("DISTINCT ");
        }
        if (arguments.isEmpty() && name.equals("COUNT")) {
            compiler.append("*");
        }
        for (int i = 0; i < arguments.size(); i++) {
            if (i > 0) {
                compiler.append(", ");
            }
            arguments.get(i).compile(compiler);
        }
        compiler.append(")");
    }

    @Override
    String parameterName() {
        return arguments.isEmpty() ? name.toLowerCase(java.util.Locale.ROOT) : arguments.get(0).parameterName();
    }
}
