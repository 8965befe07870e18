package io.athanor.orm.mapping;

import io.athanor.orm.ArgumentException;
import io.athanor.orm.MappingException;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves {@code @Relationship} fields once every class is mapped: the related class, the foreign key
 * that links the tables, and the mirroring relationship. Mistakes name both sides.
 */
final class RelationshipResolver {

    private final Map<Class<?>, Mapper<?>> mappers;

    RelationshipResolver(Map<Class<?>, Mapper<?>> mappers) {
        this.mappers = mappers;
    }

    void resolve(Mapper<?> source, List<Field> fields) {
        List<RelationshipProperty> resolved = new ArrayList<>();
        for (Field field : fields) {
            resolved.add(resolve(source, field));
        }
        source.relationships(resolved);
    }

    private RelationshipProperty resolve(Mapper<?> source, Field field) {
        Relationship annotation = field.getAnnotation(Relationship.class);
        String where = field.getDeclaringClass().getSimpleName() + "." + field.getName();
        Class<?> collectionType = null;
        Class<?> targetType = field.getType();
        if (Collection.class.isAssignableFrom(field.getType())) {
            if (field.getType() != List.class && field.getType() != Set.class && field.getType() != Collection.class) {
                throw fail(where + " is a " + field.getType().getSimpleName() + "; a collection relationship is declared as"
                        + " List, Set or Collection.");
            }
            collectionType = field.getType() == Set.class ? Set.class : List.class;
            targetType = elementType(field, where);
        }
        Mapper<?> target = mappers.get(targetType);
        if (target == null) {
            throw fail(where + " relates to " + targetType.getName() + ", which this registry does not map; add it to the"
                    + " Registry.");
        }
        if (!annotation.secondary().isEmpty()) {
            return manyToMany(source, field, annotation, where, collectionType, target);
        }
        RelationshipProperty.Kind kind = collectionType == null ? RelationshipProperty.Kind.MANY_TO_ONE
                : RelationshipProperty.Kind.ONE_TO_MANY;
        if (kind == RelationshipProperty.Kind.MANY_TO_ONE && source.foreignKeysTo(target).isEmpty()
                && !target.foreignKeysTo(source).isEmpty() && source != target) {
            // A single object on the side the foreign key points to: the "one" of a one-to-one.
            kind = RelationshipProperty.Kind.ONE_TO_ONE;
        }
        Mapper<?> holder = kind == RelationshipProperty.Kind.MANY_TO_ONE ? source : target;
        Mapper<?> referred = kind == RelationshipProperty.Kind.MANY_TO_ONE ? target : source;
        List<List<String[]>> keys = holder.foreignKeysTo(referred);
        if (!annotation.foreignKey().isEmpty()) {
            keys.removeIf(key -> key.stream().noneMatch(pair -> pair[0].equals(annotation.foreignKey())));
        }
        if (keys.isEmpty()) {
            throw fail(where + " relates to " + target.type().getSimpleName() + ", but no foreign key"
                    + (annotation.foreignKey().isEmpty() ? "" : " on '" + annotation.foreignKey() + "'") + " of "
                    + holder.type().getSimpleName() + " refers to " + referred.type().getSimpleName() + "; add"
                    + " @ForeignKey(\"" + referred.tableName() + "." + referred.primaryKeyAttributes().get(0).column().name()
                    + "\") to the column of " + holder.type().getSimpleName() + " that holds the reference.");
        }
        if (keys.size() > 1) {
            throw fail(where + " relates to " + target.type().getSimpleName() + ", but " + keys.size() + " foreign keys of "
                    + holder.type().getSimpleName() + " refer to " + referred.type().getSimpleName() + "; say which with"
                    + " @Relationship(foreignKey = \"...\").");
        }
        List<ColumnAttribute> foreignKey = new ArrayList<>();
        List<ColumnAttribute> referenced = new ArrayList<>();
        for (String[] pair : keys.get(0)) {
            foreignKey.add(holder.attribute(pair[0]));
            referenced.add(referred.attribute(pair[1]));
        }
        LoadStrategy strategy = annotation.lazy();
        if (kind != RelationshipProperty.Kind.ONE_TO_MANY) {
            if (strategy == LoadStrategy.RAISE) {
                throw fail(where + " is a single-object relationship with lazy = RAISE; a plain field cannot raise when read. Use NOLOAD"
                        + " to leave it unloaded.");
            }
            if (strategy == LoadStrategy.DEFAULT || strategy == LoadStrategy.SELECT) {
                strategy = LoadStrategy.SELECTIN;
            }
        } else if (strategy == LoadStrategy.DEFAULT) {
            strategy = LoadStrategy.SELECT;
        }
        String orderBy = annotation.orderBy();
        if (!orderBy.isEmpty()) {
            if (kind != RelationshipProperty.Kind.ONE_TO_MANY) {
                throw fail(where + " holds a single object; orderBy applies to collections.");
            }
            checkOrderBy(where, orderBy, target);
        }
        return new RelationshipProperty(source, field.getName(), kind, collectionType, Accessors.getter(field),
                Accessors.setter(field), RelationshipProperty.expand(annotation.cascade()), strategy, orderBy,
                annotation.passiveDeletes(), annotation.backPopulates(), target, foreignKey, referenced);
    }

    private RelationshipProperty manyToMany(Mapper<?> source, Field field, Relationship annotation, String where,
                                            Class<?> collectionType, Mapper<?> target) {
        if (collectionType == null) {
            throw fail(where + " names a secondary table but is not a collection; a many-to-many is a List, Set or Collection.");
        }
        Mapper<?> association = null;
        for (Mapper<?> candidate : mappers.values()) {
            if (candidate.tableName().equals(annotation.secondary())) {
                association = candidate;
            }
        }
        if (association == null) {
            throw fail(where + " names secondary table '" + annotation.secondary() + "', which no mapped class of the"
                    + " registry has; map the association table as a class with a foreign key to each side.");
        }
        List<List<String[]>> toSource = association.foreignKeysTo(source);
        List<List<String[]>> toTarget = association.foreignKeysTo(target);
        if (toSource.size() != 1 || toTarget.size() != 1 || source == target) {
            throw fail(where + ": the association table '" + annotation.secondary() + "' needs exactly one foreign key to "
                    + source.type().getSimpleName() + " and one to " + target.type().getSimpleName() + "; it has "
                    + toSource.size() + " and " + toTarget.size() + ".");
        }
        List<ColumnAttribute> sourceFk = new ArrayList<>();
        List<ColumnAttribute> sourceKey = new ArrayList<>();
        for (String[] pair : toSource.get(0)) {
            sourceFk.add(association.attribute(pair[0]));
            sourceKey.add(source.attribute(pair[1]));
        }
        List<ColumnAttribute> targetFk = new ArrayList<>();
        List<ColumnAttribute> targetKey = new ArrayList<>();
        for (String[] pair : toTarget.get(0)) {
            targetFk.add(association.attribute(pair[0]));
            targetKey.add(target.attribute(pair[1]));
        }
        String orderBy = annotation.orderBy();
        if (!orderBy.isEmpty()) {
            checkOrderBy(where, orderBy, target);
        }
        LoadStrategy strategy = annotation.lazy() == LoadStrategy.DEFAULT ? LoadStrategy.SELECT : annotation.lazy();
        RelationshipProperty relationship = new RelationshipProperty(source, field.getName(),
                RelationshipProperty.Kind.MANY_TO_MANY, collectionType, Accessors.getter(field), Accessors.setter(field),
                RelationshipProperty.expand(annotation.cascade()), strategy, annotation.orderBy(),
                annotation.passiveDeletes(), annotation.backPopulates(), target, sourceFk, sourceKey);
        relationship.secondary(association, sourceFk, targetFk, targetKey);
        return relationship;
    }

    /** Links each relationship to the one its backPopulates names, checking that they mirror each other. */
    void linkBackPopulates(Collection<Mapper<?>> all) {
        for (Mapper<?> mapper : all) {
            for (RelationshipProperty relationship : mapper.relationships()) {
                String name = relationship.backPopulatesName();
                if (name.isEmpty()) {
                    continue;
                }
                RelationshipProperty other = relationship.target().relationship(name);
                if (other == null) {
                    throw fail(relationship + " has backPopulates = \"" + name + "\", but "
                            + relationship.target().type().getSimpleName() + " has no relationship '" + name + "'; its"
                            + " relationships are " + relationship.target().relationships().stream()
                            .map(RelationshipProperty::name).toList() + ".");
                }
                boolean manyToMany = relationship.kind() == RelationshipProperty.Kind.MANY_TO_MANY;
                boolean mirrored = manyToMany
                        ? other.kind() == RelationshipProperty.Kind.MANY_TO_MANY && other.target() == mapper
                        && other.secondary() == relationship.secondary()
                        : other.target() == mapper && other.foreignKey().equals(relationship.foreignKey())
                        && (other.kind() == RelationshipProperty.Kind.MANY_TO_ONE) != (relationship.kind()
                        == RelationshipProperty.Kind.MANY_TO_ONE);
                if (!mirrored) {
                    throw fail(relationship + " and " + other + " name each other in backPopulates but do not mirror"
                            + " each other: they must be the two sides of the same foreign key (a collection or one-to-one"
                            + " and its many-to-one), or of the same association table.");
                }
                if (!other.backPopulatesName().isEmpty() && !other.backPopulatesName().equals(relationship.name())) {
                    throw fail(relationship + " has backPopulates = \"" + name + "\", but " + other + " has backPopulates"
                            + " = \"" + other.backPopulatesName() + "\"; they must name each other.");
                }
                relationship.backPopulates(other);
            }
        }
    }

    private static Class<?> elementType(Field field, String where) {
        Type generic = field.getGenericType();
        if (generic instanceof ParameterizedType) {
            Type argument = ((ParameterizedType) generic).getActualTypeArguments()[0];
            if (argument instanceof Class) {
                return (Class<?>) argument;
            }
        }
        throw fail(where + " is a raw or wildcard collection; declare its element type, e.g. List<Address>.");
    }

    private static void checkOrderBy(String where, String orderBy, Mapper<?> target) {
        String attribute = orderBy.startsWith("-") ? orderBy.substring(1) : orderBy;
        if (!target.attributeNames().contains(attribute)) {
            throw new ArgumentException("ATH-E053", where + " has orderBy = \"" + orderBy + "\", but "
                    + target.type().getSimpleName() + " has no mapped attribute '" + attribute + "'; its attributes are "
                    + target.attributeNames() + ".");
        }
    }

    private static MappingException fail(String message) {
        return new MappingException("ATH-E091", message);
    }
}
