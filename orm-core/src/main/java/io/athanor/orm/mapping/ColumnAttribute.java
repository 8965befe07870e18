package io.athanor.orm.mapping;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.engine.ValueConverter;
import io.athanor.orm.schema.Column;
import io.athanor.orm.sql.StorageLimits;

import java.lang.invoke.MethodHandle;
import java.time.temporal.Temporal;

/**
 * One mapped field of a class and the column it maps to (SQLAlchemy's {@code ColumnProperty}). Reads and
 * writes the field through method handles resolved once, when the {@link Registry} is built: no
 * reflection lookups per row.
 */
public final class ColumnAttribute {

    private final String name;
    private final Class<?> declaringClass;
    private final Class<?> javaType;
    private final Column column;
    private final MethodHandle getter;
    private final MethodHandle setter;
    private final boolean insertable;
    private final boolean updatable;
    private final int index;
    private final boolean version;
    private final boolean truncatesFractions;

    ColumnAttribute(String name, Class<?> declaringClass, Class<?> javaType, Column column, MethodHandle getter,
                    MethodHandle setter, boolean insertable, boolean updatable, int index, boolean version,
                    boolean truncatesFractions) {
        this.name = name;
        this.declaringClass = declaringClass;
        this.javaType = javaType;
        this.column = column;
        this.getter = getter;
        this.setter = setter;
        this.insertable = insertable;
        this.updatable = updatable;
        this.index = index;
        this.version = version;
        this.truncatesFractions = truncatesFractions;
    }

    /**
     * Whether a time value finer than the column keeps is written truncated (true) or refused (false,
     * {@code ATH-E111}): the column's {@link ExcessFractions}, or else the registry's.
     */
    boolean truncatesFractions() {
        return truncatesFractions;
    }

    /** Whether this attribute is the {@code @Version} counter. */
    public boolean version() {
        return version;
    }

    /** The attribute's name: the field's name. */
    public String name() {
        return name;
    }

    /** The field's Java type (primitive types as declared). */
    public Class<?> javaType() {
        return javaType;
    }

    /** The column this attribute maps to. */
    public Column column() {
        return column;
    }

    /** The attribute's position in {@link Mapper#attributes()}. */
    public int index() {
        return index;
    }

    /** Whether the column is part of the primary key. */
    public boolean primaryKey() {
        return column.primaryKey();
    }

    /** Whether the database generates the value (an identity column). */
    public boolean generated() {
        return column.autoincrement();
    }

    /** Whether INSERT writes this column. */
    public boolean insertable() {
        return insertable;
    }

    /** Whether UPDATE writes this column. */
    public boolean updatable() {
        return updatable;
    }

    /** Whether the column has a server default, which applies when the field is null at INSERT. */
    public boolean hasServerDefault() {
        return column.serverDefault() != null;
    }

    /**
     * A fresh client-side default for a new row (from {@code @Column(defaultValue = ..)} or the column's
     * default value or supplier), or null when there is none.
     *
     * @return the default value
     */
    public Object newDefault() {
        return column.hasDefault() ? column.newDefaultValue() : null;
    }

    /**
     * Reads the field.
     *
     * @param entity an instance of the mapped class
     * @return the field's value (primitives boxed)
     */
    public Object get(Object entity) {
        try {
            return (Object) getter.invokeExact(entity);
        } catch (Throwable failure) {
            throw rethrow(failure);
        }
    }

    /**
     * Writes the field, converting a database value to the field's type where needed (an INTEGER read
     * as {@code Integer} into a {@code long} field, say).
     *
     * @param entity an instance of the mapped class
     * @param value the value
     * @return the value as stored in the field (after conversion)
     * @throws ArgumentException when the value cannot be converted exactly, or is null for a primitive field
     */
    public Object set(Object entity, Object value) {
        Object converted = ValueConverter.convert(value, javaType, column.qualifiedName());
        if (converted == null && javaType.isPrimitive()) {
            throw new ArgumentException("ATH-E055", declaringClass.getSimpleName() + "." + name + " is a primitive "
                    + javaType.getName() + " and cannot hold NULL from column '" + column.qualifiedName()
                    + "'; use the wrapper type or make the column NOT NULL.");
        }
        try {
            setter.invokeExact(entity, converted);
        } catch (Throwable failure) {
            throw rethrow(failure);
        }
        return converted;
    }

    /**
     * Checks that the column stores {@code value} exactly on a database with these limits, and returns
     * the value to bind. The flush calls it for every value it writes, before it writes anything.
     *
     * @param value the attribute's value, possibly null
     * @param limits what the database stores exactly
     * @param database the database's name, for the message
     * @return the value to bind (null for null): a time value finer than the column keeps comes back
     *         truncated to the column's precision, unless the column refuses it
     * @throws ArgumentException (ATH-E105 to ATH-E111) naming this attribute, its column and the limit, when
     *         the database would store the value truncated, rounded or otherwise altered, or refuse it
     */
    public Object storable(Object value, StorageLimits limits, String database) {
        return value == null ? null : StorableValues.check(this, value, limits, database);
    }

    /**
     * {@link #storable} for the field of {@code entity}, as a flush writes it: when the column keeps a
     * coarser fraction of a second than the field holds, the field is set to the value that is written,
     * so that the object never differs from its row.
     *
     * @param entity an instance of the mapped class
     * @param limits what the database stores exactly
     * @param database the database's name, for the message
     * @return the value to bind (null for null)
     * @throws ArgumentException as {@link #storable} does; the field is then left as it was
     */
    public Object storableFrom(Object entity, StorageLimits limits, String database) {
        Object field = get(entity);
        Object value = storable(field, limits, database);
        if (value instanceof Temporal && !value.equals(field)) {
            set(entity, value);
        }
        return value;
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException) {
            return (RuntimeException) failure;
        } else if (failure instanceof Error) {
            throw (Error) failure;
        }
        return new IllegalStateException(failure);
    }

    @Override
    public String toString() {
        return declaringClass.getSimpleName() + "." + name;
    }
}
