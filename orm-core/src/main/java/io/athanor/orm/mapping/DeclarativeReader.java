package io.athanor.orm.mapping;

import io.athanor.orm.MappingException;
import io.athanor.orm.schema.ReferentialAction;
import io.athanor.orm.sql.SqlType;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the annotations of a class into a {@link ClassDefinition}, checking everything that can be
 * checked on the class alone; each failure names the class and the field.
 */
final class DeclarativeReader {

    /** The settings of a {@code @Version} field without {@code @Column}. */
    private static final Column DEFAULT_COLUMN = VersionHolder.class.getDeclaredFields()[0].getAnnotation(Column.class);

    private static final class VersionHolder {
        @Column(nullable = false) private int version;
    }

    private final NamingStrategy naming;

    DeclarativeReader(NamingStrategy naming) {
        this.naming = naming;
    }

    ClassDefinition read(Class<?> type) {
        io.athanor.orm.mapping.Table table = type.getAnnotation(io.athanor.orm.mapping.Table.class);
        if (table == null) {
            throw new MappingException("ATH-E050", type.getName() + " is not annotated with @Table; annotate it, or"
                    + " map it with registry.mapImperatively(..).");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isEnum() || type.isRecord()) {
            throw new MappingException("ATH-E050", type.getName() + " cannot be mapped: a mapped class must be a"
                    + " concrete, non-record class whose fields Athanor can set.");
        }
        Accessors.requireNoArgConstructor(type);
        String tableName = table.value().isEmpty() ? naming.apply(type.getSimpleName()) : table.value();
        List<FieldDefinition> fields = new ArrayList<>();
        List<Field> relationships = new ArrayList<>();
        Map<String, FieldDefinition> byColumn = new HashMap<>();
        Field versionField = null;
        for (Field field : fieldsTopDown(type)) {
            if (field.isAnnotationPresent(Relationship.class)) {
                if (field.isAnnotationPresent(Column.class)) {
                    throw fail(field, "has both @Relationship and @Column; a relationship field holds objects, its"
                            + " foreign key is a separate @Column field.");
                }
                if (Modifier.isFinal(field.getModifiers()) || Modifier.isStatic(field.getModifiers())) {
                    throw fail(field, "is a @Relationship but is final or static; make it a plain instance field.");
                }
                relationships.add(field);
                continue;
            }
            Column column = field.getAnnotation(Column.class);
            if (column == null && field.isAnnotationPresent(Version.class)) {
                column = DEFAULT_COLUMN;
            }
            if (column == null) {
                if (field.isAnnotationPresent(ForeignKey.class)) {
                    throw fail(field, "has @ForeignKey but no @Column; a foreign key belongs on a mapped column field.");
                }
                continue;
            }
            if (field.isAnnotationPresent(Version.class)) {
                if (versionField != null) {
                    throw fail(field, "is a second @Version counter; " + type.getSimpleName() + "." + versionField.getName()
                            + " is one already, and a class has at most one.");
                }
                versionField = field;
            }
            FieldDefinition definition = readField(field, column);
            FieldDefinition clash = byColumn.put(definition.columnName, definition);
            if (clash != null) {
                throw fail(field, "maps column '" + definition.columnName + "', which " + clash.where()
                        + " maps too; give one of them another @Column(name = ..).");
            }
            fields.add(definition);
        }
        if (fields.stream().noneMatch(field -> field.primaryKey)) {
            throw new MappingException("ATH-E050", type.getSimpleName() + " has no primary key: mark at least one field"
                    + " @Column(primaryKey = true).");
        }
        return new ClassDefinition(type, tableName, fields, relationships);
    }

    private FieldDefinition readField(Field field, Column column) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers)) {
            throw fail(field, "is static; only instance fields can be mapped.");
        }
        if (Modifier.isFinal(modifiers)) {
            throw fail(field, "is final, so Athanor could not set it when loading rows; remove 'final'.");
        }
        SqlType type = ColumnTypes.choose(field, column);
        if (field.isAnnotationPresent(Version.class)) {
            Class<?> boxed = ColumnTypes.boxed(field.getType());
            if (boxed != Integer.class && boxed != Long.class) {
                throw fail(field, "is a @Version counter but has type " + field.getType().getSimpleName()
                        + "; a version counter is an int, Integer, long or Long.");
            }
            if (column.primaryKey()) {
                throw fail(field, "is both the primary key and the @Version counter; give the version a field of its own.");
            }
        }
        boolean integer = type.kind() == SqlType.Kind.INTEGER || type.kind() == SqlType.Kind.BIG_INTEGER
                || type.kind() == SqlType.Kind.SMALL_INTEGER;
        Boolean autoincrement = null;
        if (column.autoincrement() == Column.Autoincrement.TRUE) {
            if (!integer) {
                throw fail(field, "is declared autoincrement but its column type is " + type
                        + "; only integer columns can be generated by the database.");
            }
            autoincrement = true;
        } else if (column.autoincrement() == Column.Autoincrement.FALSE) {
            autoincrement = false;
        }
        ForeignKey foreignKey = field.getAnnotation(ForeignKey.class);
        String target = null;
        String foreignKeyName = null;
        ReferentialAction onDelete = null;
        if (foreignKey != null) {
            target = foreignKey.value();
            int dot = target.lastIndexOf('.');
            if (dot <= 0 || dot == target.length() - 1) {
                throw fail(field, "has @ForeignKey(\"" + target + "\"); write the target as \"table.column\", e.g."
                        + " \"customers.id\".");
            }
            onDelete = foreignKey.onDelete() == ReferentialAction.NO_ACTION ? null : foreignKey.onDelete();
            foreignKeyName = foreignKey.name().isEmpty() ? null : foreignKey.name();
        }
        boolean nullable = column.nullable() && !column.primaryKey() && !field.getType().isPrimitive();
        String name = column.name().isEmpty() ? naming.apply(field.getName()) : column.name();
        return new FieldDefinition(field, name, type, column.primaryKey(), nullable, column.unique(), column.index(),
                autoincrement, column.serverDefault().isEmpty() ? null : column.serverDefault(),
                ColumnTypes.parseDefault(field, column.defaultValue()), column.insertable(), column.updatable(),
                target, onDelete, foreignKeyName, column.excessFractions());
    }

    /** Fields of the class and its superclasses, superclass fields first, so columns follow the hierarchy. */
    private static List<Field> fieldsTopDown(Class<?> type) {
        Deque<Class<?>> hierarchy = new ArrayDeque<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            hierarchy.push(current);
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> current : hierarchy) {
            for (Field field : current.getDeclaredFields()) {
                if (!field.isSynthetic()) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    static MappingException fail(Field field, String problem) {
        return new MappingException("ATH-E051", field.getDeclaringClass().getSimpleName() + "." + field.getName()
                + " " + problem);
    }
}
