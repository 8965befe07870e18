package io.athanor.orm.sql;

/**
 * A mapped class under an alias, so that it can appear twice in one statement (SQLAlchemy's
 * {@code aliased(User)}):
 *
 * <pre>{@code
 * EntityAlias<Employee> manager = Sql.alias(Employee.class, "manager");
 * select(Employee.class).join(manager, col(Employee.class, "managerId").eq(manager.col("id")))
 * }</pre>
 *
 * @param <T> the mapped class
 */
public final class EntityAlias<T> extends EntityFrom {

    EntityAlias(Class<T> type, String alias) {
        super(type, alias);
    }

    /**
     * An attribute of the aliased entity.
     *
     * @param attribute the attribute name
     * @param <V> its Java type
     * @return the column reference, qualified with the alias
     */
    public <V> ColumnRef<V> col(String attribute) {
        return new ColumnRef<>(type, alias, attribute);
    }

    /** The mapped class. */
    @SuppressWarnings("unchecked")
    public Class<T> type() {
        return (Class<T>) type;
    }

    /** The alias. */
    public String alias() {
        return alias;
    }
}
