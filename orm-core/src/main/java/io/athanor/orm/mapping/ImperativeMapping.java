package io.athanor.orm.mapping;

import io.athanor.orm.MappingException;
import io.athanor.orm.schema.Column;
import io.athanor.orm.schema.Table;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a class without annotations onto an existing table, column by column (the classical mapping). */
final class ImperativeMapping {

    private final NamingStrategy naming;
    private final boolean truncatesFractions;

    ImperativeMapping(NamingStrategy naming, boolean truncatesFractions) {
        this.naming = naming;
        this.truncatesFractions = truncatesFractions;
    }

    <T> Mapper<T> map(Class<T> type, Table table, Map<String, String> fieldsByColumn) {
        Accessors.requireNoArgConstructor(type);
        if (table.primaryKey().isEmpty()) {
            throw new MappingException("ATH-E050", type.getSimpleName() + " cannot map table '" + table.name()
                    + "', which has no primary key; the identity map needs one.");
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    fields.putIfAbsent(field.getName(), field);
                }
            }
        }
        List<ColumnAttribute> attributes = new ArrayList<>();
        for (Column column : table.columns()) {
            Field field = findField(fields, column, fieldsByColumn.get(column.name()));
            if (field == null) {
                throw new MappingException("ATH-E051", type.getSimpleName() + " has no field for column '"
                        + column.qualifiedName() + "'; add one, or name it with mapImperatively(type, table,"
                        + " Map.of(\"" + column.name() + "\", \"fieldName\")).");
            }
            if (Modifier.isFinal(field.getModifiers())) {
                throw DeclarativeReader.fail(field, "is final, so Athanor could not set it when loading rows; remove 'final'.");
            }
            attributes.add(new ColumnAttribute(field.getName(), field.getDeclaringClass(), field.getType(), column,
                    Accessors.getter(field), Accessors.setter(field), true, true, attributes.size(), false,
                    truncatesFractions));
        }
        return new Mapper<>(type, table, attributes, Accessors.constructor(type));
    }

    private Field findField(Map<String, Field> fields, Column column, String explicit) {
        if (explicit != null) {
            return fields.get(explicit);
        }
        Field byName = fields.get(column.name());
        if (byName != null) {
            return byName;
        }
        for (Field field : fields.values()) {
            if (naming.apply(field.getName()).equals(column.name())) {
                return field;
            }
        }
        return null;
    }
}
