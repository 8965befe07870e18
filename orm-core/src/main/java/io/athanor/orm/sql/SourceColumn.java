package io.athanor.orm.sql;

/** A column of a subquery or common table expression: {@code name.column}. */
final class SourceColumn<T> extends Expression<T> {

    private final String source;
    private final String column;

    SourceColumn(String source, String column) {
        this.source = source;
        this.column = column;
    }

    @Override
    void compile(SqlCompiler compiler) {
        if (compiler.qualifyColumns()) {
            compiler.identifier(source).append(".");
        }
        compiler.identifier(column);
    }

    @Override
    String parameterName() {
        return column;
    }

    @Override
    String label() {
        return column;
    }
}
