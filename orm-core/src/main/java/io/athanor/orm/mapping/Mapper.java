package io.athanor.orm.mapping;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.schema.Column;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one class maps onto one table (SQLAlchemy's {@code Mapper}, what {@code inspect(User)} gives):
 * its table, primary key, column attributes and the fast accessors the session uses. Obtained from
 * {@link Registry#mapper(Class)}. Immutable and thread-safe.
 *
 * @param <T> the mapped class
 */
public final class Mapper<T> implements io.athanor.orm.sql.EntityInfo {

    private final Class<T> type;
    private final io.athanor.orm.schema.Table table;
    private final List<ColumnAttribute> attributes;
    private final List<ColumnAttribute> primaryKeyAttributes;
    private final ColumnAttribute versionAttribute;
    private final Map<String, ColumnAttribute> byName;
    private final Map<String, ColumnAttribute> byColumn;
    private final MethodHandle constructor;
    private volatile List<RelationshipProperty> relationships = List.of();
    private final Object sqlCacheLock = new Object();
    private volatile Map<String, Object> sqlCache = Map.of();

    /** The mapper most recently built for each class, for questions asked of an object outside any session. */
    private static final ClassValue<java.util.concurrent.atomic.AtomicReference<Mapper<?>>> LATEST = new ClassValue<>() {
        @Override
        protected java.util.concurrent.atomic.AtomicReference<Mapper<?>> computeValue(Class<?> type) {
            return new java.util.concurrent.atomic.AtomicReference<>();
        }
    };

    /**
     * The mapper most recently built for a class by any registry, or null when the class is not mapped.
     * {@code Athanor.inspect} uses it for an object that is in no session.
     *
     * @param type a class
     * @return its mapper, or null
     */
    public static Mapper<?> latestFor(Class<?> type) {
        return LATEST.get(type).get();
    }

    /**
     * Whether an object that is in no session has a row, as far as its fields tell: its {@code @Version}
     * is set (an INSERT sets it to 1), or its key is one the database generates and it is set. An
     * object with an assigned key and no version cannot be told from a new one.
     *
     * @param entity an instance of the mapped class
     * @return true when the object has a row
     */
    public boolean hasRowByItsFields(Object entity) {
        ColumnAttribute version = versionAttribute();
        if (version != null) {
            Object value = version.get(entity);
            return value != null && ((Number) value).longValue() != 0;
        }
        if (primaryKeyAttributes.size() == 1 && primaryKeyAttributes.get(0).generated()) {
            Object value = primaryKeyAttributes.get(0).get(entity);
            return value != null && !(value instanceof Number && ((Number) value).longValue() == 0
                    && primaryKeyAttributes.get(0).javaType().isPrimitive());
        }
        return false;
    }

    Mapper(Class<T> type, io.athanor.orm.schema.Table table, List<ColumnAttribute> attributes, MethodHandle constructor) {
        this.type = type;
        this.table = table;
        this.attributes = List.copyOf(attributes);
        this.constructor = constructor;
        List<ColumnAttribute> key = new ArrayList<>();
        Map<String, ColumnAttribute> names = new HashMap<>();
        Map<String, ColumnAttribute> columns = new HashMap<>();
        for (ColumnAttribute attribute : attributes) {
            if (attribute.primaryKey()) {
                key.add(attribute);
            }
            names.put(attribute.name(), attribute);
            columns.put(attribute.column().name(), attribute);
        }
        this.primaryKeyAttributes = List.copyOf(key);
        ColumnAttribute version = null;
        for (ColumnAttribute attribute : attributes) {
            if (attribute.version()) {
                version = attribute;
            }
        }
        this.versionAttribute = version;
        this.byName = Collections.unmodifiableMap(names);
        this.byColumn = Collections.unmodifiableMap(columns);
        LATEST.get(type).set(this);
    }

    /** The mapped class. */
    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public String tableName() {
        return table.name();
    }

    @Override
    public String columnName(String attribute) {
        return attribute(attribute).column().name();
    }

    @Override
    public io.athanor.orm.sql.SqlType columnType(String attribute) {
        return attribute(attribute).column().type();
    }

    @Override
    public Object storable(String attribute, Object value, io.athanor.orm.sql.StorageLimits limits, String database) {
        ColumnAttribute mapped = attribute(attribute);
        // A statement may give a value of another type than the field's: a Double for a NUMERIC column is checked
        // like one, a String for a date column is left to the driver's conversion.
        return StorableValues.understands(mapped.column().type(), value) ? mapped.storable(value, limits, database)
                : value;
    }

    @Override
    public List<List<String[]>> foreignKeysTo(io.athanor.orm.sql.EntityInfo other) {
        List<List<String[]>> keys = new ArrayList<>();
        if (!(other instanceof Mapper)) {
            return keys;
        }
        Mapper<?> target = (Mapper<?>) other;
        for (io.athanor.orm.schema.ForeignKeyConstraint key : table.foreignKeys()) {
            if (!key.referredTableName().equals(target.tableName())) {
                continue;
            }
            List<String[]> pairs = new ArrayList<>();
            for (int i = 0; i < key.columns().size(); i++) {
                ColumnAttribute local = attributeForColumn(key.columns().get(i));
                ColumnAttribute remote = target.attributeForColumn(key.referredColumns().get(i));
                if (local == null || remote == null) {
                    pairs = null;
                    break;
                }
                pairs.add(new String[] {local.name(), remote.name()});
            }
            if (pairs != null) {
                keys.add(pairs);
            }
        }
        return keys;
    }

    /** The table the class maps to. */
    public io.athanor.orm.schema.Table table() {
        return table;
    }

    /** The primary-key columns, in table order. */
    public List<Column> primaryKey() {
        return table.primaryKey();
    }

    /** The mapped columns, in attribute order. */
    public List<Column> columns() {
        List<Column> columns = new ArrayList<>(attributes.size());
        for (ColumnAttribute attribute : attributes) {
            columns.add(attribute.column());
        }
        return columns;
    }

    /** The column attributes, in field order. */
    public List<ColumnAttribute> attributes() {
        return attributes;
    }

    /** The {@code @Version} attribute, or null when the class has none. */
    public ColumnAttribute versionAttribute() {
        return versionAttribute;
    }

    /** The relationships, in field order (SQLAlchemy's {@code Mapper.relationships}). */
    public List<RelationshipProperty> relationships() {
        return relationships;
    }

    /**
     * A relationship by attribute name, or null.
     *
     * @param name the field's name
     * @return the relationship or null
     */
    public RelationshipProperty relationship(String name) {
        for (RelationshipProperty relationship : relationships) {
            if (relationship.name().equals(name)) {
                return relationship;
            }
        }
        return null;
    }

    void relationships(List<RelationshipProperty> resolved) {
        this.relationships = List.copyOf(resolved);
    }

    /** The primary-key attributes, in field order. */
    public List<ColumnAttribute> primaryKeyAttributes() {
        return primaryKeyAttributes;
    }

    /**
     * An attribute by field name.
     *
     * @param name the field's name
     * @return the attribute
     * @throws ArgumentException listing the attributes when there is none of that name
     */
    public ColumnAttribute attribute(String name) {
        ColumnAttribute attribute = byName.get(name);
        if (attribute == null) {
            throw new ArgumentException("ATH-E053", type.getSimpleName() + " has no mapped attribute '" + name
                    + "'; its attributes are " + attributeNames() + ".");
        }
        return attribute;
    }

    /**
     * The attribute mapped to a column, or {@code null}.
     *
     * @param columnName the column's name
     * @return the attribute or null
     */
    public ColumnAttribute attributeForColumn(String columnName) {
        return byColumn.get(columnName);
    }

    /** The attribute names, in field order. */
    @Override
    public List<String> attributeNames() {
        List<String> names = new ArrayList<>(attributes.size());
        for (ColumnAttribute attribute : attributes) {
            names.add(attribute.name());
        }
        return names;
    }

    /**
     * The identity of an instance: its primary-key value, or for a composite key the list of values in
     * key order (SQLAlchemy's {@code identity_key}). {@code null} while any key value is null.
     *
     * @param entity an instance
     * @return the identity, or null when not (yet) assigned
     */
    public Object identityOf(T entity) {
        return identityOfObject(entity);
    }

    /**
     * {@link #identityOf} for an instance known only as an {@code Object}.
     *
     * @param entity an instance of the mapped class
     * @return the identity or null
     */
    public Object identityOfObject(Object entity) {
        if (primaryKeyAttributes.size() == 1) {
            return primaryKeyAttributes.get(0).get(entity);
        }
        Object[] values = new Object[primaryKeyAttributes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = primaryKeyAttributes.get(i).get(entity);
            if (values[i] == null) {
                return null;
            }
        }
        return List.of(values);
    }

    /**
     * Normalises an identity given by a caller: a single value for a one-column key; for a composite key
     * a {@code List}, an {@code Object[]} or a {@code Map} from attribute name to value. Each value is
     * converted to the attribute's type.
     *
     * @param id the identity as given
     * @return the identity as {@link #identityOf} would give it
     * @throws ArgumentException when the shape or a value does not fit the key
     */
    public Object normalizeIdentity(Object id) {
        if (id == null) {
            throw new ArgumentException("ATH-E054", "A null identity was given for " + type.getSimpleName()
                    + "; give its primary key " + keyDescription() + ".");
        }
        if (primaryKeyAttributes.size() == 1) {
            ColumnAttribute key = primaryKeyAttributes.get(0);
            return convertKey(key, id);
        }
        List<?> values;
        if (id instanceof List) {
            values = (List<?>) id;
        } else if (id instanceof Object[]) {
            values = java.util.Arrays.asList((Object[]) id);
        } else if (id instanceof Map) {
            List<Object> ordered = new ArrayList<>();
            for (ColumnAttribute key : primaryKeyAttributes) {
                ordered.add(((Map<?, ?>) id).get(key.name()));
            }
            values = ordered;
        } else {
            values = List.of(id);
        }
        if (values.size() != primaryKeyAttributes.size() || values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new ArgumentException("ATH-E054", "The identity " + id + " does not fit the primary key of "
                    + type.getSimpleName() + ", which is " + keyDescription() + "; give one value per key attribute"
                    + " as a List, an array or a Map by attribute name.");
        }
        Object[] converted = new Object[values.size()];
        for (int i = 0; i < converted.length; i++) {
            converted[i] = convertKey(primaryKeyAttributes.get(i), values.get(i));
        }
        return List.of(converted);
    }

    private Object convertKey(ColumnAttribute key, Object value) {
        Class<?> target = key.javaType().isPrimitive() ? boxed(key.javaType()) : key.javaType();
        try {
            return io.athanor.orm.engine.ValueConverter.convert(value, target, key.column().qualifiedName());
        } catch (ArgumentException mismatch) {
            throw new ArgumentException("ATH-E054", "The identity value " + value + " (" + value.getClass().getName()
                    + ") does not fit " + key + ", of type " + target.getName() + ".");
        }
    }

    private static Class<?> boxed(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }

    private String keyDescription() {
        return "(" + String.join(", ", primaryKeyAttributes.stream().map(ColumnAttribute::name).toList()) + ")";
    }

    /**
     * Creates an empty instance through the class's no-argument constructor.
     *
     * @return the new instance
     */
    public T newInstance() {
        try {
            return type.cast(constructor.invoke());
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new IllegalStateException("The constructor of " + type.getName() + " failed", failure);
        }
    }

    /**
     * A per-mapper cache for compiled SQL, keyed by dialect and statement kind, used by the session.
     *
     * @param key the cache key
     * @param factory computes the value on a miss
     * @param <V> the value type
     * @return the cached value
     */
    @SuppressWarnings("unchecked")
    public <V> V cached(String key, java.util.function.Supplier<V> factory) {
        Object value = sqlCache.get(key);
        if (value == null) {
            synchronized (sqlCacheLock) {
                value = sqlCache.get(key);
                if (value == null) {
                    value = factory.get();
                    Map<String, Object> copy = new HashMap<>(sqlCache);
                    copy.put(key, value);
                    sqlCache = Map.copyOf(copy);
                }
            }
        }
        return (V) value;
    }

    @Override
    public String toString() {
        return "Mapper[" + type.getSimpleName() + " -> " + table.name() + "]";
    }
}
