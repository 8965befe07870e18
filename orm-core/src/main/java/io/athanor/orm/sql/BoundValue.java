package io.athanor.orm.sql;

/** A Java value sent as a bound parameter; typed by the expression it is compared with. */
final class BoundValue<T> extends Expression<T> {

    private final Object value;
    private final Expression<?> comparedWith;

    BoundValue(Object value, Expression<?> comparedWith) {
        this.value = value;
        this.comparedWith = comparedWith;
    }

    @Override
    void compile(SqlCompiler compiler) {
        compiler.bind(value, comparedWith == null ? null : comparedWith.bindType(compiler),
                comparedWith == null ? "param" : comparedWith.parameterName());
    }

    @Override
    public String toString() {
        return "?";
    }
}
