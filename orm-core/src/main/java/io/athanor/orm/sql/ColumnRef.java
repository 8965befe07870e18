package io.athanor.orm.sql;

/**
 * An attribute of a mapped class used as a column in a statement: {@code Sql.col(User.class, "name")},
 * the generated metamodel's {@code User_.name}, or {@code Sql.col("name")}, which names an attribute of
 * the statement's selected entity. Resolved to a table column when the statement is compiled; an unknown
 * attribute fails then, naming the entity and listing its attributes.
 *
 * @param <T> the attribute's Java type
 */
public final class ColumnRef<T> extends Expression<T> {

    private final Class<?> entity;
    private final String alias;
    private final String attribute;

    ColumnRef(Class<?> entity, String alias, String attribute) {
        this.entity = entity;
        this.alias = alias;
        this.attribute = attribute;
    }

    /**
     * A typed attribute of an entity, as the generated metamodel declares it.
     *
     * @param entity the mapped class
     * @param attribute the attribute (field) name
     * @param type the attribute's Java type
     * @param <T> that type
     * @return the column reference
     */
    public static <T> ColumnRef<T> of(Class<?> entity, String attribute, Class<T> type) {
        return new ColumnRef<>(entity, null, attribute);
    }

    /** The mapped class, or null for {@code Sql.col("name")} before it is resolved. */
    public Class<?> entity() {
        return entity;
    }

    String alias() {
        return alias;
    }

    /** The attribute name. */
    public String attribute() {
        return attribute;
    }

    @Override
    void compile(SqlCompiler compiler) {
        if (entity == null && compiler.collecting()) {
            return;
        }
        if (entity == null) {
            Scope.EntitySource source = compiler.primaryEntity(attribute);
            compiler.entityColumn(source.type, source.alias, attribute, compiler.qualifyColumns());
        } else {
            compiler.entityColumn(entity, alias, attribute, compiler.qualifyColumns());
        }
    }

    @Override
    String parameterName() {
        return attribute;
    }

    @Override
    SqlType bindType(SqlCompiler compiler) {
        if (compiler.keyMode()) {
            return null;
        }
        Class<?> type = entity != null ? entity : compiler.primaryEntity(attribute).type;
        return compiler.columnType(type, attribute);
    }

    @Override
    String label() {
        return attribute;
    }

    @Override
    public String toString() {
        return (entity == null ? "" : (alias != null ? alias : entity.getSimpleName()) + ".") + attribute;
    }
}
