package io.athanor.orm.mapping;


import java.lang.invoke.MethodHandle;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One relationship of a mapped class (SQLAlchemy's {@code RelationshipProperty}): which class it leads
 * to, along which foreign key, how it loads and what cascades along it. Obtained from
 * {@link Mapper#relationships()}.
 */
public final class RelationshipProperty {

    /** The two shapes of a relationship along one foreign key. */
    public enum Kind {
        /** This object refers to one other object: the foreign key is in this class's table. */
        MANY_TO_ONE,
        /** This object has a collection of others: the foreign key is in their table. */
        ONE_TO_MANY,
        /** This object has at most one other that refers to it: the foreign key is in the other's table. */
        ONE_TO_ONE,
        /** Both sides have collections, linked by the rows of an association table. */
        MANY_TO_MANY
    }

    private final Mapper<?> source;
    private final String name;
    private final Kind kind;
    private final Class<?> collectionType;
    private final MethodHandle getter;
    private final MethodHandle setter;
    private final Set<Cascade> cascades;
    private final LoadStrategy strategy;
    private final String orderBy;
    private final boolean passiveDeletes;
    private final String backPopulatesName;
    private final Mapper<?> target;
    private final List<ColumnAttribute> foreignKey;
    private final List<ColumnAttribute> referenced;
    private RelationshipProperty backPopulates;
    private Mapper<?> secondary;
    private List<ColumnAttribute> secondaryToSource = List.of();
    private List<ColumnAttribute> secondaryToTarget = List.of();
    private List<ColumnAttribute> targetKey = List.of();

    RelationshipProperty(Mapper<?> source, String name, Kind kind, Class<?> collectionType, MethodHandle getter,
                         MethodHandle setter, Set<Cascade> cascades, LoadStrategy strategy, String orderBy,
                         boolean passiveDeletes, String backPopulatesName, Mapper<?> target,
                         List<ColumnAttribute> foreignKey, List<ColumnAttribute> referenced) {
        this.source = source;
        this.name = name;
        this.kind = kind;
        this.collectionType = collectionType;
        this.getter = getter;
        this.setter = setter;
        this.cascades = cascades;
        this.strategy = strategy;
        this.orderBy = orderBy;
        this.passiveDeletes = passiveDeletes;
        this.backPopulatesName = backPopulatesName;
        this.target = target;
        this.foreignKey = List.copyOf(foreignKey);
        this.referenced = List.copyOf(referenced);
    }

    static Set<Cascade> expand(Cascade[] given) {
        Set<Cascade> cascades = EnumSet.noneOf(Cascade.class);
        for (Cascade cascade : given) {
            if (cascade == Cascade.ALL) {
                cascades.addAll(EnumSet.of(Cascade.SAVE_UPDATE, Cascade.MERGE, Cascade.DELETE, Cascade.EXPUNGE,
                        Cascade.REFRESH_EXPIRE));
            } else {
                cascades.add(cascade);
            }
        }
        return cascades;
    }

    /** The attribute name (the field). */
    public String name() {
        return name;
    }

    /** Many-to-one or one-to-many. */
    public Kind kind() {
        return kind;
    }

    /** Whether the foreign key is in the related class's table (one-to-many and one-to-one). */
    public boolean foreignKeyOnTarget() {
        return kind != Kind.MANY_TO_ONE;
    }

    /** Whether the attribute holds a collection. */
    public boolean isCollection() {
        return kind == Kind.ONE_TO_MANY || kind == Kind.MANY_TO_MANY;
    }

    /** The association class of a many-to-many, or null. */
    public Mapper<?> secondary() {
        return secondary;
    }

    /** The association's attributes that refer to the source's key (many-to-many). */
    public List<ColumnAttribute> secondaryToSource() {
        return secondaryToSource;
    }

    /** The association's attributes that refer to the target's key (many-to-many). */
    public List<ColumnAttribute> secondaryToTarget() {
        return secondaryToTarget;
    }

    /** The target's key attributes the association refers to (many-to-many). */
    public List<ColumnAttribute> targetKey() {
        return targetKey;
    }

    void secondary(Mapper<?> association, List<ColumnAttribute> toSource, List<ColumnAttribute> toTarget,
                   List<ColumnAttribute> targetKeyAttributes) {
        this.secondary = association;
        this.secondaryToSource = List.copyOf(toSource);
        this.secondaryToTarget = List.copyOf(toTarget);
        this.targetKey = List.copyOf(targetKeyAttributes);
    }

    /** {@code List.class} or {@code Set.class} for a collection, else null. */
    public Class<?> collectionType() {
        return collectionType;
    }

    /** The class that declares the relationship. */
    public Mapper<?> source() {
        return source;
    }

    /** The related class. */
    public Mapper<?> target() {
        return target;
    }

    /**
     * The foreign-key attributes: of the source for a many-to-one, of the target for a one-to-many.
     */
    public List<ColumnAttribute> foreignKey() {
        return foreignKey;
    }

    /** The attributes the foreign key refers to (the key of the "one" side), in the same order. */
    public List<ColumnAttribute> referenced() {
        return referenced;
    }

    /** How the relationship loads. */
    public LoadStrategy strategy() {
        return strategy;
    }

    /** Whether an operation cascades along the relationship. */
    public boolean cascades(Cascade cascade) {
        return cascades.contains(cascade);
    }

    /** The ordering attribute of a collection (may start with '-'), or empty. */
    public String orderBy() {
        return orderBy;
    }

    /** Whether deletes rely on the database's ON DELETE CASCADE. */
    public boolean passiveDeletes() {
        return passiveDeletes;
    }

    /** The mirroring relationship on the other class, or null. */
    public RelationshipProperty backPopulates() {
        return backPopulates;
    }

    String backPopulatesName() {
        return backPopulatesName;
    }

    void backPopulates(RelationshipProperty other) {
        this.backPopulates = other;
    }

    /**
     * Reads the field.
     *
     * @param entity an instance of the source class
     * @return the related object, or the collection
     */
    public Object get(Object entity) {
        try {
            return (Object) getter.invokeExact(entity);
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * Writes the field.
     *
     * @param entity an instance of the source class
     * @param value the related object, or a collection
     */
    public void set(Object entity, Object value) {
        try {
            setter.invokeExact(entity, value);
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** The collection of an object as a {@code Collection}, or an empty one when the field is null. */
    @SuppressWarnings("unchecked")
    public Collection<Object> collection(Object entity) {
        Object value = get(entity);
        return value == null ? List.of() : (Collection<Object>) value;
    }

    @Override
    public String toString() {
        return source.type().getSimpleName() + "." + name;
    }
}
