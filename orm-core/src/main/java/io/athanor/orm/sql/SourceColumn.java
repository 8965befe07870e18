package io.athanor.orm.sql;

/** A column of a subquery or common table expression: {@code name.column}. */
final class SourceColumn<T> extends Expression<T> {

    private final String source;
    private final String column;
    private final FromItem from;
    private final String kind;

    SourceColumn(String source, String column, FromItem from, String kind) {
        this.source = source;
        this.column = column;
        this.from = from;
        this.kind = kind;
    }

    @Override
    void compile(SqlCompiler compiler) {
        if (!compiler.keyMode() && !compiler.collecting()) {
            // The name is quoted either way, so it cannot inject SQL; an unknown one is refused here, naming the
            // known ones, rather than by the database after the statement was sent.
            java.util.List<String> known = from.columnNames(compiler);
            if (known != null && !known.contains(column)) {
                throw new io.athanor.orm.ArgumentException("ATH-E112", "The " + kind + " '" + source + "' has no column '"
                        + column + "'; its columns are " + known + ". Name a column as the " + kind + " selects it: a"
                        + " table column by its column name, an expression by its label (.as(\"name\")).");
            }
        }
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
