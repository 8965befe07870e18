package io.athanor.orm.mapping;

/**
 * Reads and writes one mapped field of an object, for {@link ColumnAttribute}. Athanor implements it with a
 * small class defined at start-up for each mapped field, in the package of the class that declares the
 * field, whose plain field instructions the JIT compiler turns into a load or a store; where such a class
 * cannot be defined (the mapped class is in another module, say), with method handles.
 *
 * <p>Public only because the generated classes live in the application's packages and must see it;
 * applications neither implement nor call it.
 */
public interface FieldAccess {

    /**
     * Reads the field.
     *
     * @param entity an instance of the class that declares the field, or of a subclass
     * @return the field's value, a primitive boxed
     * @throws ClassCastException when {@code entity} is of another class
     */
    Object get(Object entity);

    /**
     * Writes the field.
     *
     * @param entity an instance of the class that declares the field, or of a subclass
     * @param value a value of the field's type (its wrapper for a primitive field, then not null)
     * @throws ClassCastException when {@code entity} or {@code value} is of another class
     */
    void set(Object entity, Object value);
}
