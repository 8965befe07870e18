package io.athanor.orm.schema;

import io.athanor.orm.ArgumentException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a table definition before it is built, so that a mistake is reported where it was made. */
final class TableValidator {

    private final Table.Builder table;

    TableValidator(Table.Builder table) {
        this.table = table;
    }

    void validate() {
        String name = table.name();
        if (table.columns().isEmpty()) {
            throw fail("Table '" + name + "' has no columns; add at least one with column(..).");
        }
        Set<String> seen = new HashSet<>();
        for (Column.Builder column : table.columns()) {
            if (!seen.add(column.name())) {
                throw fail("Table '" + name + "' defines column '" + column.name() + "' twice; column names must be"
                        + " unique within a table.");
            }
        }
        for (List<String> columns : table.constrainedColumnLists()) {
            if (columns.isEmpty()) {
                throw fail("A constraint or index of table '" + name + "' names no columns.");
            }
            for (String column : columns) {
                if (!seen.contains(column)) {
                    throw fail("A constraint or index of table '" + name + "' names column '" + column
                            + "', which the table does not have; its columns are " + seen + ".");
                }
            }
        }
        for (int[] arity : table.foreignKeyArities()) {
            if (arity[0] != arity[1]) {
                throw fail("A foreign key of table '" + name + "' has " + arity[0] + " local column(s) but "
                        + arity[1] + " referenced column(s); give one referenced column per local column.");
            }
        }
        for (String check : table.checkNames()) {
            if (check == null || check.isBlank()) {
                throw fail("A check constraint of table '" + name + "' needs a name.");
            }
        }
        if (table.metadata().hasTable(name)) {
            throw fail("MetaData already has a table named '" + name + "'; each table is defined once.");
        }
    }

    private static ArgumentException fail(String message) {
        return new ArgumentException("ATH-E044", message);
    }
}
