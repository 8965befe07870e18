package io.athanor.orm.mapping;

import io.athanor.orm.InvalidRequestException;
import io.athanor.orm.MappingException;
import io.athanor.orm.schema.MetaData;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The declarative base: a catalog of mapped classes and their tables (SQLAlchemy's {@code registry} /
 * {@code DeclarativeBase}).
 *
 * <pre>{@code
 * Registry registry = Registry.of(Customer.class, Order.class);   // or Registry.scan("com.example.shop.model")
 * registry.metadata().createAll(engine);
 * Mapper<Customer> mapper = registry.mapper(Customer.class);
 * }</pre>
 *
 * <p>Building a registry reads and checks every mapping and fails with a {@link MappingException}
 * naming the class and the field at fault, so a bad mapping stops the application at start-up. One
 * registry per application; thread-safe.
 */
public final class Registry implements io.athanor.orm.sql.EntityResolver {

    private final NamingStrategy naming;
    private final MetaData metadata;
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    private final Map<Class<?>, Mapper<?>> mappers = new ConcurrentHashMap<>();
    private final String cacheKey = "registry-" + IDS.incrementAndGet();

    /** Whether a time value finer than its column keeps is truncated (the default) rather than refused. */
    private final boolean truncatesFractions;

    Registry(NamingStrategy naming, MetaData metadata, boolean truncatesFractions) {
        this.naming = naming;
        this.metadata = metadata;
        this.truncatesFractions = truncatesFractions;
    }

    /**
     * A registry of the given annotated classes, with names used as written.
     *
     * @param classes {@code @Table} classes
     * @return the registry
     * @throws MappingException naming the class and field of the first mapping mistake
     */
    public static Registry of(Class<?>... classes) {
        return builder().add(classes).build();
    }

    /**
     * A registry of every {@code @Table} class in the given packages and their sub-packages.
     *
     * @param packages package names, e.g. {@code "com.example.shop.model"}
     * @return the registry
     * @throws MappingException when a package holds no mapped class, or a mapping is wrong
     */
    public static Registry scan(String... packages) {
        return builder().scan(packages).build();
    }

    /** A builder, to set a naming strategy or combine classes and packages. */
    public static RegistryBuilder builder() {
        return new RegistryBuilder();
    }

    /** The tables of every mapped class. */
    public MetaData metadata() {
        return metadata;
    }

    /** The naming strategy that named tables and columns the annotations did not name. */
    public NamingStrategy namingStrategy() {
        return naming;
    }

    /**
     * The mapper of a class.
     *
     * @param type a mapped class
     * @param <T> the class
     * @return its mapper
     * @throws InvalidRequestException when the class is not mapped by this registry
     */
    @SuppressWarnings("unchecked")
    public <T> Mapper<T> mapper(Class<T> type) {
        Mapper<T> mapper = (Mapper<T>) mappers.get(type);
        if (mapper == null) {
            throw new InvalidRequestException("ATH-E052", "Class " + type.getName() + " is not mapped by this Registry;"
                    + " it maps " + mappedClassNames() + ". Annotate it with @Table and add it with Registry.of(..) or"
                    + " Registry.scan(..).");
        }
        return mapper;
    }

    @Override
    public io.athanor.orm.sql.EntityInfo entity(Class<?> type) {
        return mapper(type);
    }

    @Override
    public String cacheKey() {
        return cacheKey;
    }

    /**
     * Whether a class is mapped by this registry.
     *
     * @param type the class
     * @return true when it is
     */
    public boolean isMapped(Class<?> type) {
        return mappers.containsKey(type);
    }

    /** Every mapper, in no particular order. */
    public Collection<Mapper<?>> mappers() {
        return List.copyOf(mappers.values());
    }

    /**
     * Maps a class that carries no annotations onto a table defined with the schema API (SQLAlchemy's
     * {@code registry.map_imperatively}, the classical mapping). Each column maps to the field of the
     * same name (or whose name the naming strategy turns into the column's name).
     *
     * @param type the class; it needs a no-argument constructor
     * @param table a table of this registry's {@link #metadata()}
     * @param <T> the class
     * @return its mapper
     * @throws MappingException when a column has no field, or the class is mapped already
     */
    public <T> Mapper<T> mapImperatively(Class<T> type, io.athanor.orm.schema.Table table) {
        return mapImperatively(type, table, Map.of());
    }

    /**
     * Maps a class without annotations onto a table, naming the field of some columns explicitly.
     *
     * @param type the class
     * @param table a table of this registry's {@link #metadata()}
     * @param fieldsByColumn field names by column name, for columns whose field is named differently
     * @param <T> the class
     * @return its mapper
     */
    public <T> Mapper<T> mapImperatively(Class<T> type, io.athanor.orm.schema.Table table,
                                         Map<String, String> fieldsByColumn) {
        if (table.metadata() != metadata) {
            throw new MappingException("ATH-E059", "Table '" + table.name() + "' belongs to another MetaData; define it"
                    + " with Table.builder(registry.metadata(), \"" + table.name() + "\").");
        }
        Mapper<T> mapper = new ImperativeMapping(naming, truncatesFractions).map(type, table, fieldsByColumn);
        register(mapper);
        return mapper;
    }

    synchronized void register(Mapper<?> mapper) {
        if (mappers.containsKey(mapper.type())) {
            throw new MappingException("ATH-E059", mapper.type().getName() + " is mapped already; a class maps to one"
                    + " table.");
        }
        mappers.put(mapper.type(), mapper);
    }

    private List<String> mappedClassNames() {
        List<String> names = new ArrayList<>();
        for (Class<?> type : mappers.keySet()) {
            names.add(type.getSimpleName());
        }
        names.sort(null);
        return names;
    }

    @Override
    public String toString() {
        return "Registry" + mappedClassNames();
    }
}
