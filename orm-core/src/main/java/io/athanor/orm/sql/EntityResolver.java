package io.athanor.orm.sql;

/**
 * How the compiler learns the table and columns behind an entity class. The SQL expression language
 * refers to mapped classes and their attributes by name only; the ORM's {@code Registry} implements
 * this interface, so this package stays independent of the mapping layer.
 */
public interface EntityResolver {

    /**
     * The table information of a mapped class.
     *
     * @param entity the class
     * @return its table information
     * @throws io.athanor.orm.OrmException when the class is not mapped
     */
    EntityInfo entity(Class<?> entity);

    /** A key unique to this resolver, so that compiled statements of different registries never mix in a cache. */
    String cacheKey();
}
