package io.athanor.orm.mapping;

import io.athanor.orm.schema.ReferentialAction;
import io.athanor.orm.sql.SqlType;

import java.lang.reflect.Field;

/** One {@code @Column} field as read from a class, before its table exists. */
final class FieldDefinition {

    final Field field;
    final String columnName;
    final SqlType type;
    final boolean primaryKey;
    final boolean nullable;
    final boolean unique;
    final boolean index;
    final Boolean autoincrement;
    final String serverDefault;
    final Object clientDefault;
    final boolean insertable;
    final boolean updatable;
    final String foreignKey;
    final ReferentialAction onDelete;
    final String foreignKeyName;
    final ExcessFractions excessFractions;

    FieldDefinition(Field field, String columnName, SqlType type, boolean primaryKey, boolean nullable, boolean unique,
                    boolean index, Boolean autoincrement, String serverDefault, Object clientDefault, boolean insertable,
                    boolean updatable, String foreignKey, ReferentialAction onDelete, String foreignKeyName,
                    ExcessFractions excessFractions) {
        this.field = field;
        this.columnName = columnName;
        this.type = type;
        this.primaryKey = primaryKey;
        this.nullable = nullable;
        this.unique = unique;
        this.index = index;
        this.autoincrement = autoincrement;
        this.serverDefault = serverDefault;
        this.clientDefault = clientDefault;
        this.insertable = insertable;
        this.updatable = updatable;
        this.foreignKey = foreignKey;
        this.onDelete = onDelete;
        this.foreignKeyName = foreignKeyName;
        this.excessFractions = excessFractions;
    }

    String where() {
        return field.getDeclaringClass().getSimpleName() + "." + field.getName();
    }
}
