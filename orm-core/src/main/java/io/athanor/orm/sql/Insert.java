package io.athanor.orm.sql;

import io.athanor.orm.ArgumentException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An INSERT into a mapped class's table (SQLAlchemy's {@code insert()}): one row, several rows in one
 * multi-row VALUES, or the rows of a SELECT. Values are given by attribute name.
 *
 * <pre>{@code
 * insert(Customer.class).values("name", "Ed").values("country", "UK")
 * insert(Customer.class).values(List.of(Map.of("name", "Ed"), Map.of("name", "Wendy")))
 * }</pre>
 *
 * With {@code session.execute(insert(Customer.class), listOfMaps)} the rows go as one JDBC batch.
 */
public final class Insert extends CompilableStatement {

    private final Class<?> entity;
    private final List<Map<String, Object>> rows;
    private final List<String> selectColumns;
    private final Select<?> select;
    private final List<Expression<?>> returning;

    Insert(Class<?> entity) {
        this(entity, List.of(), null, null, List.of());
    }

    private Insert(Class<?> entity, List<Map<String, Object>> rows, List<String> selectColumns, Select<?> select,
                   List<Expression<?>> returning) {
        this.entity = entity;
        this.rows = rows;
        this.selectColumns = selectColumns;
        this.select = select;
        this.returning = returning;
    }

    /**
     * Sets one attribute of the (single) row.
     *
     * @param attribute the attribute name
     * @param value its value, or an expression
     * @return the new statement
     */
    public Insert values(String attribute, Object value) {
        Map<String, Object> row = new LinkedHashMap<>(rows.isEmpty() ? Map.of() : rows.get(0));
        row.put(attribute, value);
        List<Map<String, Object>> next = new ArrayList<>(rows.isEmpty() ? List.of() : rows.subList(1, rows.size()));
        next.add(0, row);
        return new Insert(entity, List.copyOf(next), null, null, returning);
    }

    /**
     * Sets the attributes of the (single) row.
     *
     * @param values values by attribute name
     * @return the new statement
     */
    public Insert values(Map<String, ?> values) {
        return new Insert(entity, List.of(new LinkedHashMap<>(values)), null, null, returning);
    }

    /**
     * Several rows, written as one multi-row VALUES; every row names the same attributes.
     *
     * @param values one map of values by attribute name per row
     * @return the new statement
     */
    public Insert values(List<? extends Map<String, ?>> values) {
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Map<String, ?> row : values) {
            copy.add(new LinkedHashMap<>(row));
        }
        return new Insert(entity, List.copyOf(copy), null, null, returning);
    }

    /**
     * INSERT ... SELECT: the rows of a query, its columns in the order of {@code attributes}.
     *
     * @param attributes the attributes the SELECT's columns fill
     * @param query the SELECT
     * @return the new statement
     */
    public Insert fromSelect(List<String> attributes, Select<?> query) {
        return new Insert(entity, List.of(), List.copyOf(attributes), query, returning);
    }

    /**
     * RETURNING: columns of the inserted rows, where the database supports it.
     *
     * @param expressions columns of the entity
     * @return the new statement
     */
    public Insert returning(Expression<?>... expressions) {
        return new Insert(entity, rows, selectColumns, select, List.of(expressions));
    }

    /** The mapped class. */
    public Class<?> entity() {
        return entity;
    }

    /** The attributes of the first row, in order; empty for INSERT ... SELECT. */
    public List<String> attributes() {
        return rows.isEmpty() ? List.of() : List.copyOf(rows.get(0).keySet());
    }

    @Override
    void compileTo(SqlCompiler compiler) {
        compiler.pushScope(new Scope(new Scope.EntitySource(entity, null), List.of(), false));
        try {
            compiler.append("INSERT INTO ");
            compiler.entityTable(entity, null);
            List<String> attributes = select != null ? selectColumns : attributes();
            if (attributes.isEmpty()) {
                throw new ArgumentException("ATH-E086", "insert(" + entity.getSimpleName() + ") has no values; give them"
                        + " with values(..).");
            }
            compiler.append(" (");
            for (int i = 0; i < attributes.size(); i++) {
                if (i > 0) {
                    compiler.append(", ");
                }
                compiler.entityColumn(entity, null, attributes.get(i), false);
            }
            compiler.append(")");
            if (select != null) {
                compiler.append(" ");
                select.compileNested(compiler);
            } else {
                compiler.append(" VALUES ");
                for (int r = 0; r < rows.size(); r++) {
                    Map<String, Object> row = rows.get(r);
                    if (!row.keySet().equals(rows.get(0).keySet())) {
                        throw new ArgumentException("ATH-E086", "Row " + (r + 1) + " of insert(" + entity.getSimpleName()
                                + ") names " + row.keySet() + " but the first row names " + rows.get(0).keySet()
                                + "; every row of a multi-row INSERT names the same attributes.");
                    }
                    compiler.append(r == 0 ? "(" : ", (");
                    int i = 0;
                    for (String attribute : attributes) {
                        if (i++ > 0) {
                            compiler.append(", ");
                        }
                        Object value = row.get(attribute);
                        if (value instanceof Expression) {
                            ((Expression<?>) value).compile(compiler);
                        } else {
                            compiler.bindWritten(entity, attribute, value);
                        }
                    }
                    compiler.append(")");
                }
            }
            Update.compileReturning(compiler, "INSERT", returning);
        } finally {
            compiler.popScope();
        }
    }
}
