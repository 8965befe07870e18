package io.athanor.orm.mapping;

import java.util.List;

/** A mapped class as read from its annotations: its table name and its column fields. */
final class ClassDefinition {

    final Class<?> type;
    final String tableName;
    final List<FieldDefinition> fields;
    final List<java.lang.reflect.Field> relationships;

    ClassDefinition(Class<?> type, String tableName, List<FieldDefinition> fields,
                    List<java.lang.reflect.Field> relationships) {
        this.type = type;
        this.tableName = tableName;
        this.fields = List.copyOf(fields);
        this.relationships = List.copyOf(relationships);
    }
}
