package io.athanor.orm.mapping;

import java.util.List;

/** A mapped class as read from its annotations: its table name and its column fields. */
final class ClassDefinition {

    final Class<?> type;
    final String tableName;
    final List<FieldDefinition> fields;

    ClassDefinition(Class<?> type, String tableName, List<FieldDefinition> fields) {
        this.type = type;
        this.tableName = tableName;
        this.fields = List.copyOf(fields);
    }
}
