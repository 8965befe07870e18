package io.athanor.orm.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A DELETE of a mapped class's rows (SQLAlchemy's {@code delete()}):
 * {@code delete(Customer.class).where(col("country").eq("UK"))}. Run through a session, loaded objects
 * whose rows it deletes leave the session.
 */
public final class Delete extends CompilableStatement {

    private final Class<?> entity;
    private final List<Expression<Boolean>> where;
    private final List<Expression<?>> returning;

    Delete(Class<?> entity) {
        this(entity, List.of(), List.of());
    }

    private Delete(Class<?> entity, List<Expression<Boolean>> where, List<Expression<?>> returning) {
        this.entity = entity;
        this.where = where;
        this.returning = returning;
    }

    /**
     * Adds WHERE criteria, combined with AND.
     *
     * @param criteria conditions
     * @return the new statement
     */
    @SafeVarargs
    public final Delete where(Expression<Boolean>... criteria) {
        List<Expression<Boolean>> next = new ArrayList<>(where);
        next.addAll(List.of(criteria));
        return new Delete(entity, List.copyOf(next), returning);
    }

    /**
     * RETURNING, where the database supports it.
     *
     * @param expressions columns of the entity
     * @return the new statement
     */
    public Delete returning(Expression<?>... expressions) {
        return new Delete(entity, where, List.of(expressions));
    }

    /** The mapped class. */
    public Class<?> entity() {
        return entity;
    }

    /** The combined WHERE criteria, or null. */
    public Expression<Boolean> whereClause() {
        return where.isEmpty() ? null : where.size() == 1 ? where.get(0) : new Junction(" AND ", where);
    }

    @Override
    void compileTo(SqlCompiler compiler) {
        compiler.pushScope(new Scope(new Scope.EntitySource(entity, null),
                List.of(new Scope.EntitySource(entity, null)), false));
        try {
            compiler.append("DELETE FROM ");
            compiler.entityTable(entity, null);
            Clauses.conditions(compiler, " WHERE ", where);
            Update.compileReturning(compiler, "DELETE", returning);
        } finally {
            compiler.popScope();
        }
    }
}
