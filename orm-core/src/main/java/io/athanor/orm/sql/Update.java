package io.athanor.orm.sql;

import io.athanor.orm.ArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An UPDATE of a mapped class's rows (SQLAlchemy's {@code update()}):
 *
 * <pre>{@code
 * update(Customer.class).where(col("country").eq("UK")).values("country", "GB")
 * }</pre>
 *
 * Run through a session, it also brings objects already loaded up to date (SQLAlchemy's
 * {@code synchronize_session}).
 */
public final class Update extends CompilableStatement {

    private final Class<?> entity;
    private final List<Expression<Boolean>> where;
    private final Map<String, Object> assignments;
    private final List<Expression<?>> returning;

    Update(Class<?> entity) {
        this(entity, List.of(), Map.of(), List.of());
    }

    private Update(Class<?> entity, List<Expression<Boolean>> where, Map<String, Object> assignments,
                   List<Expression<?>> returning) {
        this.entity = entity;
        this.where = where;
        this.assignments = assignments;
        this.returning = returning;
    }

    /**
     * Adds WHERE criteria, combined with AND.
     *
     * @param criteria conditions
     * @return the new statement
     */
    @SafeVarargs
    public final Update where(Expression<Boolean>... criteria) {
        List<Expression<Boolean>> next = new ArrayList<>(where);
        next.addAll(List.of(criteria));
        return new Update(entity, List.copyOf(next), assignments, returning);
    }

    /**
     * Sets an attribute to a value or an expression ({@code col("count").plus(1)}).
     *
     * @param attribute the attribute name
     * @param value the new value
     * @return the new statement
     */
    public Update values(String attribute, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(assignments);
        next.put(attribute, value);
        return new Update(entity, where, Collections.unmodifiableMap(next), returning);
    }

    /**
     * Sets several attributes.
     *
     * @param values new values by attribute name
     * @return the new statement
     */
    public Update values(Map<String, ?> values) {
        Map<String, Object> next = new LinkedHashMap<>(assignments);
        next.putAll(values);
        return new Update(entity, where, Collections.unmodifiableMap(next), returning);
    }

    /**
     * RETURNING, where the database supports it.
     *
     * @param expressions columns of the entity
     * @return the new statement
     */
    public Update returning(Expression<?>... expressions) {
        return new Update(entity, where, assignments, List.of(expressions));
    }

    /** The mapped class. */
    public Class<?> entity() {
        return entity;
    }

    /** The assignments, by attribute name. */
    public Map<String, Object> assignments() {
        return assignments;
    }

    /** The combined WHERE criteria, or null. */
    public Expression<Boolean> whereClause() {
        return where.isEmpty() ? null : where.size() == 1 ? where.get(0) : new Junction(" AND ", where);
    }

    @Override
    void compileTo(SqlCompiler compiler) {
        if (assignments.isEmpty()) {
            throw new ArgumentException("ATH-E086", "update(" + entity.getSimpleName() + ") sets nothing; give the new"
                    + " values with values(..).");
        }
        compiler.pushScope(new Scope(new Scope.EntitySource(entity, null),
                List.of(new Scope.EntitySource(entity, null)), false));
        try {
            compiler.append("UPDATE ");
            compiler.entityTable(entity, null);
            compiler.append(" SET ");
            int i = 0;
            for (Map.Entry<String, Object> assignment : assignments.entrySet()) {
                if (i++ > 0) {
                    compiler.append(", ");
                }
                compiler.entityColumn(entity, null, assignment.getKey(), false);
                compiler.append(" = ");
                if (assignment.getValue() instanceof Expression) {
                    ((Expression<?>) assignment.getValue()).compile(compiler);
                } else {
                    compiler.bindWritten(entity, assignment.getKey(), assignment.getValue());
                }
            }
            Clauses.conditions(compiler, " WHERE ", where);
            compileReturning(compiler, "UPDATE", returning);
        } finally {
            compiler.popScope();
        }
    }

    static void compileReturning(SqlCompiler compiler, String verb, List<Expression<?>> returning) {
        if (returning.isEmpty()) {
            return;
        }
        if (!compiler.dialect().supportsReturning(verb)) {
            throw new ArgumentException("ATH-E088", compiler.dialect().name() + " does not support " + verb
                    + " ... RETURNING; select the rows in a separate statement.");
        }
        compiler.append(" RETURNING ");
        List<ResultSlot> slots = new ArrayList<>();
        for (int i = 0; i < returning.size(); i++) {
            if (i > 0) {
                compiler.append(", ");
            }
            returning.get(i).compile(compiler);
            slots.add(new ResultSlot(null, i, 1, returning.get(i).label()));
        }
        compiler.recordSlots(slots);
    }
}
