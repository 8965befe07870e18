package io.athanor.orm.schema;

import java.util.List;

/**
 * A foreign key: columns of one table that refer to the key of another (SQLAlchemy's
 * {@code ForeignKeyConstraint}). The referenced table is resolved by name in the table's
 * {@link MetaData}, so it may be defined later.
 */
public final class ForeignKeyConstraint {

    private final Table table;
    private final String name;
    private final List<String> columns;
    private final String referredTable;
    private final List<String> referredColumns;
    private final ReferentialAction onDelete;
    private final ReferentialAction onUpdate;

    ForeignKeyConstraint(Table table, String name, List<String> columns, String referredTable,
                         List<String> referredColumns, ReferentialAction onDelete, ReferentialAction onUpdate) {
        this.table = table;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.referredTable = referredTable;
        this.referredColumns = List.copyOf(referredColumns);
        this.onDelete = onDelete;
        this.onUpdate = onUpdate;
    }

    /** The table that holds the foreign key. */
    public Table table() {
        return table;
    }

    /** The constraint's name: given, or {@code fk_<table>_<column>_<referred table>}. */
    public String name() {
        return name;
    }

    /** The referencing columns, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The name of the referenced table. */
    public String referredTableName() {
        return referredTable;
    }

    /** The referenced table, looked up in the metadata. */
    public Table referredTable() {
        return table.metadata().table(referredTable);
    }

    /** The referenced columns, in the order of {@link #columns()}. */
    public List<String> referredColumns() {
        return referredColumns;
    }

    /** The ON DELETE action, or {@code null} for the database's default (NO ACTION). */
    public ReferentialAction onDelete() {
        return onDelete;
    }

    /** The ON UPDATE action, or {@code null} for the database's default (NO ACTION). */
    public ReferentialAction onUpdate() {
        return onUpdate;
    }

    @Override
    public String toString() {
        return name + ": " + table.name() + columns + " -> " + referredTable + referredColumns;
    }
}
