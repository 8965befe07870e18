package io.athanor.orm.sql;

/** {@code CAST(expression AS type)}, the type named by the dialect. */
final class Cast<T> extends Expression<T> {

    private final Expression<?> expression;
    private final SqlType type;

    Cast(Expression<?> expression, SqlType type) {
        this.expression = expression;
        this.type = type;
    }

    @Override
    void compile(SqlCompiler compiler) {
        compiler.append("CAST(");
        expression.compile(compiler);
        compiler.append(" AS ").append(compiler.keyMode() ? type.toString() : compiler.dialect().castTypeName(type))
                .append(")");
    }
}
