package io.athanor.orm.sql;

/** {@code (SELECT ...)} used as a value. */
final class ScalarSubquery<T> extends Expression<T> {

    private final Select<?> select;

    ScalarSubquery(Select<?> select) {
        this.select = select;
    }

    @Override
    void compile(SqlCompiler compiler) {
        compiler.append("(");
        select.compileNested(compiler);
        compiler.append(")");
    }

    static final class Exists extends Expression<Boolean> {
        private final Select<?> select;

        Exists(Select<?> select) {
            this.select = select;
        }

        @Override
        void compile(SqlCompiler compiler) {
            compiler.append("EXISTS (");
            select.compileNested(compiler);
            compiler.append(")");
        }
    }
}
