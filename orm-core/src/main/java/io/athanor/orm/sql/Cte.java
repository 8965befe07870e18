package io.athanor.orm.sql;

import java.util.List;

/**
 * A common table expression, {@code WITH name AS (...)} (SQLAlchemy's {@code cte()}), from
 * {@link Select#cte(String)}; recursive when built with {@link #unionAll(Select)}:
 *
 * <pre>{@code
 * Cte tree = select(col(Node.class, "id"), col(Node.class, "parentId")).where(col(Node.class, "id").eq(1)).cte("tree");
 * tree = tree.unionAll(select(col(Node.class, "id"), col(Node.class, "parentId"))
 *         .join(tree, col(Node.class, "parentId").eq(tree.col("id"))));
 * session.execute(select(tree.col("id")).from(tree));
 * }</pre>
 *
 * The statement that selects from it writes the WITH clause first.
 */
public final class Cte extends FromItem {

    private final String name;
    private final Select<?> anchor;
    private final Select<?> recursive;

    Cte(String name, Select<?> anchor, Select<?> recursive) {
        this.name = name;
        this.anchor = anchor;
        this.recursive = recursive;
    }

    /**
     * Makes the CTE recursive: {@code anchor UNION ALL recursivePart}, where the recursive part selects
     * from (or joins) this CTE.
     *
     * @param recursivePart the SELECT that refers to this CTE
     * @return the recursive CTE, under the same name
     */
    public Cte unionAll(Select<?> recursivePart) {
        return new Cte(name, anchor, recursivePart);
    }

    /**
     * A column of the CTE, by the anchor's column name or label. A name the CTE does not have is refused
     * when the statement is compiled, before any SQL is sent (ATH-E112).
     *
     * @param column the name
     * @param <T> its Java type
     * @return the column
     */
    public <T> Expression<T> col(String column) {
        return new SourceColumn<>(name, column, this, "CTE");
    }

    @Override
    java.util.List<String> columnNames(SqlCompiler compiler) {
        return anchor.knownOutputNames(compiler);
    }

    /** The CTE's name. */
    public String name() {
        return name;
    }

    boolean recursive() {
        return recursive != null;
    }

    @Override
    void compileFrom(SqlCompiler compiler) {
        compiler.identifier(name);
    }

    /** Writes {@code name AS (...)} for the WITH clause. */
    void compileDefinition(SqlCompiler compiler) {
        compiler.identifier(name);
        if (recursive != null) {
            // Some databases (H2) need the column names of a recursive CTE spelled out.
            compiler.append(" (");
            List<String> columns = anchor.outputNames(compiler);
            for (int i = 0; i < columns.size(); i++) {
                compiler.append(i == 0 ? "" : ", ").identifier(columns.get(i));
            }
            compiler.append(")");
        }
        compiler.append(" AS (");
        anchor.compileNested(compiler);
        if (recursive != null) {
            compiler.append(" UNION ALL ");
            recursive.compileNested(compiler);
        }
        compiler.append(")");
    }

    @Override
    boolean sameAs(FromItem other) {
        return other instanceof Cte && ((Cte) other).name.equals(name);
    }
}
