package io.athanor.orm.sql;

/**
 * A SELECT used as a table in FROM or JOIN (SQLAlchemy's {@code subquery()}), from
 * {@link Select#subquery(String)}. Its columns are named by their labels: {@code sub.col("total")}.
 */
public final class Subquery extends FromItem {

    private final Select<?> select;
    private final String name;

    Subquery(Select<?> select, String name) {
        this.select = select;
        this.name = name;
    }

    /**
     * A column of the subquery, by its label or column name. A name the subquery does not select is
     * refused when the statement is compiled, before any SQL is sent (ATH-E112).
     *
     * @param column the name
     * @param <T> its Java type
     * @return the column
     */
    public <T> Expression<T> col(String column) {
        return new SourceColumn<>(name, column, this, "subquery");
    }

    @Override
    java.util.List<String> columnNames(SqlCompiler compiler) {
        return select.knownOutputNames(compiler);
    }

    @Override
    void compileFrom(SqlCompiler compiler) {
        compiler.append("(");
        select.compileNested(compiler);
        compiler.append(") AS ").identifier(name);
    }
}
